package io.github.hotcert.cloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.hotcert.actuate.ActuatorClient;
import io.github.hotcert.actuate.ActuatorClient.Response;
import io.github.hotcert.testsupport.PemBundleDirectory;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Spring Cloud Config Server (native backend, in a process of its own) holds the
 * SSL bundle of a client application on Tomcat. The file behind the Config Server changes
 * and the client is refreshed through {@code POST /actuator/refresh}, the way Spring
 * Cloud Bus, Consul or a Kubernetes configuration watcher refresh it: PEM content pushed
 * in the configuration is served on a real handshake, material that is not valid is
 * refused while the served certificate stays, and a bundle moved to files is served from
 * them and watched there.
 */
class ConfigServerRefreshIT {

	private static final String APPLICATION = "hotcert-client";

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final TestCertificates certificates = TestCertificates.now();

	private final Issued authority = this.certificates.authority("hotcert config server CA");

	private final TlsClient tls = TlsClient.create();

	@TempDir
	Path directory;

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	private ConfigServerProcess configServer;

	@AfterEach
	void stopConfigServer() {
		if (this.configServer != null) {
			this.configServer.close();
		}
	}

	@Test
	void bundlesPushedByTheConfigServerAreServedAfterARefreshAndRefusedWhenNotValid() throws Exception {
		Path repository = Files.createDirectories(this.directory.resolve("config"));
		Issued first = issue("first.example");
		publish(repository, inline(first, first));
		this.configServer = ConfigServerProcess.start(repository);
		startClient();
		int port = this.application.port();
		assertThat(this.tls.servedSerial(port)).isEqualTo(first.serialHex());
		assertThat(origins(web())).containsExactly("configuration", "configuration");

		Issued second = issue("second.example");
		publish(repository, inline(second, second));
		assertThat(refresh()).contains("spring.ssl.bundle.pem.web.keystore.certificate",
				"spring.ssl.bundle.pem.web.keystore.private-key");
		assertThat(this.tls.servedSerial(port)).isEqualTo(second.serialHex());
		JsonNode web = web();
		assertThat(web.path("lastReload").path("trigger").asText()).isEqualTo("configuration");
		assertThat(web.path("lastReload").path("outcome").asText()).isEqualTo("reloaded");

		publish(repository, inline(issue("third.example"), issue("other.example")));
		refresh();
		assertThat(this.tls.servedSerial(port)).as("refused material is never served").isEqualTo(second.serialHex());
		web = web();
		assertThat(web.path("lastReload").path("outcome").asText()).isEqualTo("rejected");
		assertThat(web.path("lastReload").path("reason").asText()).isEqualTo("key-match");
		assertThat(web.path("pendingChange").asBoolean()).isTrue();

		PemBundleDirectory files = new PemBundleDirectory(this.directory.resolve("tls"));
		Issued fourth = issue("fourth.example");
		files.write(fourth);
		publish(repository, paths(files));
		refresh();
		assertThat(this.tls.servedSerial(port)).isEqualTo(fourth.serialHex());
		assertThat(origins(web())).containsExactly("file", "file");
		Issued fifth = issue("fifth.example");
		files.replace(fifth);
		this.tls.awaitSerial(port, fifth.serialHex(), TIMEOUT);
		Response certificates = actuator().get("/actuator/certificates");
		assertThat(certificates.body()).doesNotContain("BEGIN");
	}

	private void startClient() {
		this.application.start(() -> new SpringApplicationBuilder(TestWebApplication.class)
			.properties(TestWebApplication.concat(new String[] { "server.port=0", "server.address=127.0.0.1",
					"spring.main.banner-mode=off", "spring.jmx.enabled=false", "spring.application.name=" + APPLICATION,
					"server.ssl.bundle=web", "management.server.port=0", "management.server.address=127.0.0.1",
					"management.server.ssl.enabled=false",
					"management.endpoints.web.exposure.include=refresh,certificates",
					"hotcert.watch.quiet-period=50ms" }))
			// The Config Server's classes, on the class path of these tests, turn the
			// client off
			// unless asked for
			.run("--spring.config.import=configserver:" + this.configServer.uri(),
					"--spring.cloud.config.enabled=true"));
	}

	/**
	 * Refresh the client as Spring Cloud does it for every trigger.
	 * @return the names of the properties that changed
	 */
	private List<String> refresh() throws IOException, InterruptedException {
		Response response = actuator().post("/actuator/refresh", "");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		List<String> keys = new ArrayList<>();
		response.json().forEach((key) -> keys.add(key.asText()));
		return keys;
	}

	private JsonNode web() throws IOException, InterruptedException {
		Response response = actuator().get("/actuator/certificates/web");
		assertThat(response.status()).isEqualTo(200);
		return response.json();
	}

	private ActuatorClient actuator() {
		return new ActuatorClient(this.application.managementPort());
	}

	private static void publish(Path repository, String bundle) throws IOException {
		Files.writeString(repository.resolve(APPLICATION + ".yml"), """
				spring:
				  ssl:
				    bundle:
				      pem:
				        web:
				          keystore:
				""" + bundle);
	}

	private static String inline(Issued certificate, Issued key) {
		return "            certificate: |\n" + indent(PemFiles.certificates(certificate.chain()))
				+ "            private-key: |\n" + indent(PemFiles.pkcs8(key.keyPair().getPrivate()));
	}

	private static String paths(PemBundleDirectory files) {
		return "            certificate: \"%s\"\n            private-key: \"%s\"\n".formatted(files.certificate(),
				files.privateKey());
	}

	private static String indent(String pem) {
		return pem.lines().map((line) -> "              " + line + "\n").reduce("", String::concat);
	}

	private static List<String> origins(JsonNode bundle) {
		return bundle.path("source").path("locations").findValuesAsText("origin");
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

}
