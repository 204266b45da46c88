package io.github.hotcert.actuate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.hotcert.actuate.ActuatorClient.Response;
import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.ReloadTrigger;
import io.github.hotcert.testsupport.SpecialFiles;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A named pipe nobody writes to as the key file, and the certificate file linked to
 * {@code /dev/zero}, noticed by the watcher of a running application: each is rejected
 * with a reason that says what the path is, health and the endpoint keep answering, and a
 * valid pair written afterwards is served. A read that blocked would fail the test by its
 * timeout.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SpecialFilesIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String[] WATCHING = { "hotcert.watch.mode=watch+poll", "hotcert.watch.quiet-period=50ms",
			"hotcert.watch.poll-interval=1h", "hotcert.retry.enabled=false",
			"management.endpoints.web.exposure.include=certificates,health",
			"management.endpoint.health.show-details=always" };

	private final TlsClient tls = TlsClient.create();

	@RegisterExtension
	final CertificatesApplication app = new CertificatesApplication();

	@Test
	void namedPipeAsTheKeyIsRejectedAndTheApplicationKeepsAnswering() throws Exception {
		this.app.start(WATCHING);
		Path pipe = SpecialFiles.namedPipe(this.app.directory().resolve("tls.key.fifo"));
		Files.move(pipe, this.app.privateKey(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		String reason = "the path is a named pipe (FIFO), not a regular file";
		ReloadResult rejected = awaitRejection();
		assertThat(rejected.message())
			.isEqualTo("Unable to load private key for bundle 'web' from '" + this.app.privateKey() + "': " + reason);
		assertAnswersWith(reason);
		assertServedAfterAValidPairIsWritten();
	}

	@Test
	void certificateLinkedToADeviceIsRejectedAndTheApplicationKeepsAnswering() throws Exception {
		this.app.start(WATCHING);
		Path link = Files.createSymbolicLink(this.app.directory().resolve("tls.crt.link"), SpecialFiles.ZERO);
		Files.move(link, this.app.certificate(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		String reason = "the path is a character device, not a regular file (it resolves to '/dev/zero')";
		ReloadResult rejected = awaitRejection();
		assertThat(rejected.message())
			.isEqualTo("Unable to load certificate for bundle 'web' from '" + this.app.certificate() + "': " + reason);
		assertAnswersWith(reason);
		assertServedAfterAValidPairIsWritten();
	}

	private ReloadResult awaitRejection() {
		CertificateReloader reloader = this.app.context().getBean(CertificateReloader.class);
		await().atMost(TIMEOUT).until(() -> reloader.getBundle("web").getRejectionCount() == 1);
		ReloadResult rejected = reloader.getBundle("web").getLastResult();
		assertThat(rejected.outcome()).isEqualTo(ReloadOutcome.REJECTED);
		assertThat(rejected.trigger()).isEqualTo(ReloadTrigger.WATCH);
		assertThat(rejected.reason()).isEqualTo("parse");
		return rejected;
	}

	private void assertAnswersWith(String reason) throws Exception {
		Response health = this.app.actuator().get("/actuator/health/certificates");
		assertThat(health.status()).isEqualTo(200);
		JsonNode web = health.json().path("details").path("web");
		assertThat(web.path("lastReloadRejected").path("message").asText()).endsWith(reason);
		assertThat(web.path("notServed").asText()).endsWith(reason);
		assertThat(this.app.web().path("source").path("error").asText()).endsWith(reason);
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(this.app.first().serialHex());
	}

	private void assertServedAfterAValidPairIsWritten() throws Exception {
		Issued next = this.app.issue("next.example");
		this.app.replacePem(next);
		this.tls.awaitSerial(this.app.port(), next.serialHex(), TIMEOUT);
		assertThat(this.app.web().path("source").path("error").isMissingNode()
				|| this.app.web().path("source").path("error").isNull())
			.isTrue();
	}

}
