package io.github.hotcert.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import javax.net.ssl.TrustManager;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.hotcert.sample.TestCertificateAuthority.TlsMaterial;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's own application, not the sample: nothing but the dependencies of the build's
 * profile (one web starter, actuator, a Prometheus registry and the hotcert starter of
 * the Spring Boot line) and a PEM bundle on a Kubernetes-style Secret volume. It serves
 * the bundle, serves a rotation to new connections while a keep-alive connection opened
 * before keeps working, refuses a mismatched key while the previous certificate keeps
 * serving, and reports both through {@code /actuator/certificates} and
 * {@code /actuator/prometheus}. CI runs it for every profile of the sample: Spring Boot 4
 * on Tomcat, Jetty and Reactor Netty, Spring Boot 3.5 on Tomcat and Undertow.
 */
class UserApplicationIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Duration VALIDITY = Duration.ofDays(30);

	@TempDir
	Path directory;

	private final TestCertificateAuthority authority = new TestCertificateAuthority(Clock.systemUTC());

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void servesRotatesRefusesAndReports() throws Exception {
		KubernetesSecretVolume volume = new KubernetesSecretVolume(this.directory, Clock.systemUTC());
		TlsMaterial first = this.authority.issue(VALIDITY);
		volume.write(first.files());
		// Command-line arguments, as a user would pass them; and none of the sample's own
		// configuration, which is on the test class path too
		this.context = new SpringApplicationBuilder(UserApplication.class).run("--spring.config.name=user-application",
				"--server.port=0", "--server.address=127.0.0.1", "--server.ssl.bundle=web",
				"--spring.ssl.bundle.pem.web.keystore.certificate=" + this.directory.resolve("tls.crt"),
				"--spring.ssl.bundle.pem.web.keystore.private-key=" + this.directory.resolve("tls.key"),
				"--management.server.port=0", "--management.server.address=127.0.0.1",
				"--management.server.ssl.enabled=false",
				"--management.endpoints.web.exposure.include=certificates,prometheus", "--spring.main.banner-mode=off");
		int port = this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		int managementPort = this.context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
		TrustManager[] trust = HttpsConnection.trusting(this.authority.certificate());
		CertificatesEndpointClient endpoint = new CertificatesEndpointClient(managementPort);
		TlsMaterial second = this.authority.issue(VALIDITY);
		try (HttpsConnection before = HttpsConnection.open(port, trust, TIMEOUT)) {
			assertThat(before.servedSerial()).isEqualTo(first.serial());
			assertThat(before.get("/", true).body()).isEqualTo("hello");
			long swapped = volume.write(second.files());
			long served = awaitServed(port, trust, second.serial());
			System.out.printf("%s, Spring Boot %s: Kubernetes-style rotation served to a new connection after %d ms%n",
					getClass().getSimpleName(), SpringBootVersion.getVersion(), (served - swapped) / 1_000_000);
			assertThat(before.get("/", true).body()).as("the keep-alive connection opened before the rotation")
				.isEqualTo("hello");
			assertThat(before.servedSerial()).isEqualTo(first.serial());
		}
		int rejectionsBefore = endpoint.bundle("web").path("rejections").asInt();
		volume.write(this.authority.issueWithMismatchedKey(VALIDITY).files());
		JsonNode web = endpoint.awaitBundle("web", (read) -> read.path("rejections").asInt() > rejectionsBefore,
				TIMEOUT);
		assertThat(web.path("lastReload").path("outcome").asText()).isEqualTo("rejected");
		assertThat(web.path("lastReload").path("reason").asText()).isEqualTo("key-match");
		assertThat(web.path("served").path("chain").get(0).path("serialNumber").asText()).isEqualTo(second.serial());
		try (HttpsConnection after = HttpsConnection.open(port, trust, TIMEOUT)) {
			assertThat(after.servedSerial()).as("served after the refused rotation").isEqualTo(second.serial());
			assertThat(after.get("/", false).body()).isEqualTo("hello");
		}
		String prometheus = get(managementPort, "/actuator/prometheus");
		assertThat(prometheus).containsPattern("hotcert_reload_total\\{[^}]*bundle=\"web\"[^}]*outcome=\"reloaded\"")
			.containsPattern("hotcert_reload_total\\{[^}]*outcome=\"rejected\"[^}]*reason=\"key-match\"")
			.containsPattern("hotcert_certificate_expiration_timestamp_seconds\\{[^}]*serial=\"" + second.serial());
	}

	private static long awaitServed(int port, TrustManager[] trust, String serial) {
		return Awaitility.await()
			.atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(10))
			.until(() -> handshakeServing(port, trust, serial), (completed) -> completed != null);
	}

	private static Long handshakeServing(int port, TrustManager[] trust, String serial) throws IOException {
		try (HttpsConnection connection = HttpsConnection.open(port, trust, TIMEOUT)) {
			return serial.equals(connection.servedSerial()) ? connection.handshakeCompleted() : null;
		}
	}

	private static String get(int port, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Hello.class)
	static class UserApplication {

	}

	@RestController
	static class Hello {

		@GetMapping("/")
		String hello() {
			return "hello";
		}

	}

}
