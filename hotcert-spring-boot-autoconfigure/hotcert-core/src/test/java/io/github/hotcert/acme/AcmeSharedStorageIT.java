package io.github.hotcert.acme;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ReloadTrigger;
import io.github.hotcert.testsupport.Pebble;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of an application that share one storage directory, as replicas on a
 * shared volume: one order per certificate, whichever instance orders, the other picks
 * the certificate up through its file watch, and the HTTP-01 challenge of the instance
 * the CA does not reach is answered by the one it reaches. A restart serves the stored
 * certificate at once, without ordering.
 */
class AcmeSharedStorageIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final int VALIDITY_SECONDS = 24;

	private final TlsClient client = TlsClient.create().withServerName(AcmeApplications.DOMAIN);

	@TempDir
	Path directory;

	@RegisterExtension
	final RunningApplication first = new RunningApplication();

	@RegisterExtension
	final RunningApplication second = new RunningApplication();

	private Pebble pebble;

	@AfterEach
	void stopPebble() {
		if (this.pebble != null) {
			this.pebble.close();
		}
	}

	@Test
	void instancesSharingStorageOrderOnceForEachCertificate() throws Exception {
		int challengePort = Pebble.freePort();
		this.pebble = Pebble.start(this.directory.resolve("pebble"), VALIDITY_SECONDS, challengePort);
		Path storage = this.directory.resolve("storage");
		// The first instance is the one the CA reaches for HTTP-01 validation
		this.first.start(() -> TestWebApplication.run(AcmeApplications.properties(this.pebble, storage)));
		// The second listens on a port the CA never reaches, and renews earlier (40% of
		// the
		// lifetime left instead of a third): its renewal is validated through the first
		this.second.start(() -> TestWebApplication.run(AcmeApplications.properties(this.pebble, storage,
				"hotcert.acme.bundle.web.http-challenge-port=" + Pebble.freePort(),
				"hotcert.acme.bundle.web.renewal-ratio=0.6")));
		X509Certificate issued = this.client.awaitServed(this.first.port(),
				(served) -> !TemporaryCertificate.isTemporary(served), TIMEOUT);
		this.client.awaitServed(this.second.port(), issued::equals, TIMEOUT);
		assertThat(this.pebble.orders()).as("orders for the first certificate").isEqualTo(1);
		assertThat(issued(this.first) + issued(this.second)).isEqualTo(1);
		X509Certificate renewed = this.client.awaitServed(this.second.port(), (served) -> !served.equals(issued),
				TIMEOUT);
		this.client.awaitServed(this.first.port(), renewed::equals, TIMEOUT);
		assertThat(this.pebble.orders()).as("orders after one renewal").isEqualTo(2);
		assertThat(issued(this.second)).as("the renewal was ordered by the instance the CA does not reach")
			.isGreaterThanOrEqualTo(1);
		assertThat(issued(this.first) + issued(this.second)).isEqualTo(2);
		assertThat(this.first.getBean(CertificateReloader.class).getBundle("web").getLastResult().trigger())
			.as("picked up through the file watch")
			.isIn(ReloadTrigger.WATCH, ReloadTrigger.POLL);
		this.pebble.validate(this.client.servedChain(this.first.port()));
		this.second.close();
		this.first.close();
		// Restarted with the renewal due late in the lifetime, so that the restart is
		// done long before
		this.first.start(() -> TestWebApplication
			.run(AcmeApplications.properties(this.pebble, storage, "hotcert.acme.bundle.web.renewal-ratio=0.05")));
		assertThat(this.client.servedCertificate(this.first.port())).as("served at once after a restart")
			.isEqualTo(renewed);
		assertThat(this.first.getBean(AcmeBundles.class).getBundle("web").getStatus().isTemporary()).isFalse();
		AcmeBundleStatus status = this.first.getBean(AcmeBundles.class).getBundle("web").getStatus();
		await().atMost(TIMEOUT).until(() -> status.getPlan() != null);
		assertThat(status.getState()).isEqualTo(AcmeState.VALID);
		assertThat(status.getLastOrder()).isNull();
		assertThat(this.pebble.orders()).as("no order at a restart with a valid certificate stored").isEqualTo(2);
	}

	private static long issued(RunningApplication application) {
		return application.getBean(AcmeBundles.class).getBundle("web").getStatus().getIssued();
	}

}
