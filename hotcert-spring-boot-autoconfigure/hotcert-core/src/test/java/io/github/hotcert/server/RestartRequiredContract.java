package io.github.hotcert.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.hotcert.actuate.ActuatorClient;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.testsupport.PemBundleDirectory;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A web server that cannot take new material while it runs: the new material is valid and
 * published, the server keeps serving the certificate it started with (a real handshake
 * shows it), and the endpoint, the health details and the
 * {@code hotcert_restart_required} metric say that a restart is required; the liveness
 * state breaks only when asked to. One subclass per server configuration that hotcert
 * cannot update.
 */
public abstract class RestartRequiredContract {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final TestCertificates certificates = TestCertificates.now();

	private final TlsClient client = TlsClient.create();

	@TempDir
	Path directory;

	private Issued authority;

	private PemBundleDirectory files;

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	/**
	 * Start an application whose web server cannot follow reloads of the given
	 * certificate files, on port 0 and loopback.
	 * @param certificate the certificate file
	 * @param privateKey the private key file
	 * @param properties additional properties
	 * @return the application context
	 */
	protected abstract ConfigurableApplicationContext run(Path certificate, Path privateKey, String... properties);

	/**
	 * Return the name of the bundle that hotcert manages for the server.
	 * @return the bundle name
	 */
	protected abstract String bundle();

	/**
	 * Return how hotcert describes the consumer that cannot follow on the given port.
	 * @param port the port
	 * @return the description
	 */
	protected abstract String consumerDescription(int port);

	@BeforeEach
	void prepare() {
		this.authority = this.certificates.authority("hotcert restart CA");
		this.files = new PemBundleDirectory(this.directory.resolve("tls"));
	}

	@Test
	void validMaterialThatTheServerCannotTakeIsReportedAsARequiredRestart() throws Exception {
		Issued first = issue("first.example");
		int port = start(first);
		String consumer = consumerDescription(port);
		assertThat(this.client.servedSerial(port)).isEqualTo(first.serialHex());
		JsonNode bundle = get("/actuator/certificates/" + bundle());
		assertThat(bundle.path("consumersThatCannotFollow")).extracting(JsonNode::asText).containsExactly(consumer);
		assertThat(bundle.has("restartRequired")).isFalse();
		assertThat(prometheus()).contains("hotcert_restart_required{bundle=\"" + bundle() + "\"} 0");

		Issued second = issue("second.example");
		this.files.replace(second);
		this.application.awaitLastResult(bundle(), ReloadOutcome.RELOADED, TIMEOUT);
		assertThat(this.client.servedSerial(port)).as("the server keeps what it started with")
			.isEqualTo(first.serialHex());
		bundle = get("/actuator/certificates/" + bundle());
		assertThat(bundle.path("restartRequired").path("consumers")).extracting(JsonNode::asText)
			.containsExactly(consumer);
		assertThat(bundle.path("restartRequired").path("since").asText()).isNotEmpty();
		assertThat(bundle.path("restartRequired").path("message").asText())
			.contains("cannot take while the application runs");
		JsonNode health = get("/actuator/health/certificates");
		assertThat(health.path("status").asText()).isEqualTo("UP");
		assertThat(health.path("details").path(bundle()).path("restartRequired").path("consumers"))
			.extracting(JsonNode::asText)
			.containsExactly(consumer);
		assertThat(prometheus()).contains("hotcert_restart_required{bundle=\"" + bundle() + "\"} 1");
		assertThat(status("/actuator/health/liveness")).as("off by default").isEqualTo(200);
	}

	@Test
	void livenessStateBreaksWhenARestartIsRequiredOnlyWhenAskedTo() throws Exception {
		Issued first = issue("first.example");
		int port = start(first, "hotcert.restart.break-liveness=true");
		assertThat(status("/actuator/health/liveness")).isEqualTo(200);
		this.files.replace(issue("second.example"));
		this.application.awaitLastResult(bundle(), ReloadOutcome.RELOADED, TIMEOUT);
		assertThat(this.client.servedSerial(port)).isEqualTo(first.serialHex());
		// The liveness state changes when the reload is announced, after it is recorded
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(status("/actuator/health/liveness")).isEqualTo(503));
		assertThat(get("/actuator/health/liveness").path("status").asText()).isEqualTo("DOWN");
	}

	private int start(Issued issued, String... properties) {
		this.files.write(issued);
		this.application
			.start(() -> run(this.files.certificate(), this.files.privateKey(),
					TestWebApplication.concat(new String[] { "management.server.port=0",
							"management.server.address=127.0.0.1", "management.server.ssl.enabled=false",
							"management.endpoints.web.exposure.include=certificates,health,prometheus",
							"management.endpoint.health.show-details=always",
							"management.endpoint.health.probes.enabled=true", "hotcert.watch.quiet-period=50ms" },
							properties)));
		return this.application.port();
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		return actuator().get(path).json();
	}

	private int status(String path) throws IOException, InterruptedException {
		return actuator().get(path).status();
	}

	private String prometheus() throws IOException, InterruptedException {
		return actuator().get("/actuator/prometheus").body();
	}

	private ActuatorClient actuator() {
		return new ActuatorClient(this.application.managementPort());
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

}
