package io.github.hotcert.acme;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

import io.github.hotcert.reload.ReloadTrigger;
import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.testsupport.FreePorts;
import io.github.hotcert.testsupport.Pebble;
import io.github.hotcert.testsupport.RunningApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of an application that share one storage directory, as replicas on a
 * shared volume: one order per certificate, whichever instance orders, the other picks
 * the certificate up through its file watch, and the HTTP-01 challenge of the instance
 * the CA does not reach is answered by the one it reaches. A restart serves the stored
 * certificate at once, without ordering. One subclass per server.
 */
public abstract class AcmeSharedStorageContract extends AcmePebbleContract {

	private static final int VALIDITY_SECONDS = 24;

	@RegisterExtension
	final RunningApplication first = new RunningApplication();

	@RegisterExtension
	final RunningApplication second = new RunningApplication();

	@Test
	void instancesSharingStorageOrderOnceForEachCertificate() throws Exception {
		startPebble(VALIDITY_SECONDS);
		Path storage = this.directory.resolve("storage");
		// Both instances start while the CA is down, so that the lifetime of the first
		// certificate starts once both run, however long they take to start
		this.pebble.stop();
		// The first instance is the one the CA reaches for HTTP-01 validation
		this.first.start(() -> run(AcmeApplications.properties(this.pebble, storage)));
		// The second listens on a port the CA never reaches, and renews earlier (60% of
		// the lifetime left instead of a third): its challenges are answered by the first
		this.second.start(() -> run(AcmeApplications.properties(this.pebble, storage,
				"hotcert.acme.bundle.web.http-challenge-port=" + FreePorts.next(),
				"hotcert.acme.bundle.web.renewal-ratio=0.6")));
		this.pebble.restart();
		X509Certificate issued = this.client.awaitServed(this.first.port(),
				(served) -> !TemporaryCertificate.isTemporary(served), TIMEOUT);
		this.client.awaitServed(this.second.port(), issued::equals, TIMEOUT);
		assertThat(this.pebble.orders()).as("orders for the first certificate").isEqualTo(1);
		// The certificate is published before the order's end is counted
		await().atMost(TIMEOUT).until(() -> issued(this.first) + issued(this.second) >= 1);
		assertThat(issued(this.first) + issued(this.second)).isEqualTo(1);
		X509Certificate renewed = this.client.awaitServed(this.second.port(), (served) -> !served.equals(issued),
				TIMEOUT);
		this.client.awaitServed(this.first.port(), renewed::equals, TIMEOUT);
		assertThat(this.pebble.orders()).as("orders after one renewal").isEqualTo(2);
		await().atMost(TIMEOUT).until(() -> issued(this.first) + issued(this.second) >= 2);
		assertThat(issued(this.second)).as("the renewal was ordered by the instance the CA does not reach")
			.isGreaterThanOrEqualTo(1);
		assertThat(issued(this.first) + issued(this.second)).isEqualTo(2);
		assertThat(this.first.awaitReloaded("web", CertificateInfo.serialNumber(renewed.getSerialNumber()), TIMEOUT)
			.trigger()).as("picked up through the file watch").isIn(ReloadTrigger.WATCH, ReloadTrigger.POLL);
		this.pebble.validate(this.client.servedChain(this.first.port()));
		this.second.close();
		this.first.close();
		// Restarted with the renewal due late in the lifetime, so that the restart is
		// done long before
		this.first.start(() -> run(
				AcmeApplications.properties(this.pebble, storage, "hotcert.acme.bundle.web.renewal-ratio=0.05")));
		assertThat(this.client.servedCertificate(this.first.port())).as("served at once after a restart")
			.isEqualTo(renewed);
		AcmeBundle bundle = this.first.getBean(AcmeBundles.class).getBundle("web");
		// Planned after the stored certificate is taken, on the ACME thread
		AcmeBundleStatus status = await().atMost(TIMEOUT)
			.until(bundle::getStatus, (current) -> current.getPlan() != null);
		assertThat(status.isTemporary()).isFalse();
		assertThat(status.getState()).isEqualTo(AcmeState.VALID);
		assertThat(status.getLastOrder()).isNull();
		assertThat(this.pebble.orders()).as("no order at a restart with a valid certificate stored").isEqualTo(2);
	}

	private static long issued(RunningApplication application) {
		return application.getBean(AcmeBundles.class).getBundle("web").getStatus().getIssued();
	}

}
