package io.github.hotcert.actuate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.github.hotcert.acme.AcmeBundles;
import io.github.hotcert.acme.AcmeStatusFixture;
import io.github.hotcert.acme.TestAcmeBundles;
import io.github.hotcert.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AcmeHealth}.
 */
class AcmeHealthTests {

	private static final Instant ISSUED = Instant.parse("2026-03-01T10:00:00Z");

	private final MutableClock clock = new MutableClock(ISSUED);

	@TempDir
	Path storage;

	private AcmeBundles bundles;

	private AcmeStatusFixture status;

	@BeforeEach
	void createBundle() {
		this.bundles = TestAcmeBundles.of("web", this.storage);
		this.status = new AcmeStatusFixture(this.bundles.getBundle("web"));
	}

	@Test
	void upWhileTheCertificateOfTheCaHasTimeLeft() {
		this.status.storedCertificate(ISSUED, ISSUED.plus(Duration.ofDays(90)));
		assertThat(health().status()).isEqualTo(AcmeHealth.Status.UP);
		assertThat(details()).containsEntry("state", "valid").containsEntry("temporaryCertificate", false);
	}

	@Test
	void upWhenAnOrderFailedWithTimeLeft() {
		this.status.storedCertificate(ISSUED, ISSUED.plus(Duration.ofDays(90)));
		this.clock.advance(Duration.ofDays(60));
		this.status.failedOrder("unreachable", "the CA cannot be reached");
		assertThat(health().status()).isEqualTo(AcmeHealth.Status.UP);
		assertThat(details()).containsEntry("state", "failing")
			.containsEntry("consecutiveFailures", 1)
			.containsEntry("lastError", "the CA cannot be reached")
			.doesNotContainKey("down");
	}

	@Test
	void downWhenOrdersKeepFailingAndExpiryIsNear() {
		this.status.storedCertificate(ISSUED, ISSUED.plus(Duration.ofDays(90)));
		this.status.failedOrder("unreachable", "the CA cannot be reached");
		this.clock.advance(Duration.ofDays(75).plusSeconds(1));
		assertThat(health().status()).isEqualTo(AcmeHealth.Status.DOWN);
		assertThat((String) details().get("down"))
			.isEqualTo("the last order failed and the certificate expires in 14 days");
	}

	@Test
	void downWhenOrdersFailWhileOnlyTheTemporaryCertificateIsServed() {
		assertThat(health().status()).isEqualTo(AcmeHealth.Status.UP);
		assertThat(details()).containsEntry("state", "pending").containsEntry("temporaryCertificate", true);
		this.status.failedOrder("dns", "no such host");
		assertThat(health().status()).isEqualTo(AcmeHealth.Status.DOWN);
		assertThat((String) details().get("down")).contains("only the temporary certificate");
	}

	private AcmeHealth.Report health() {
		return new AcmeHealth(this.bundles, this.clock).check();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> details() {
		return (Map<String, Object>) health().details().get("web");
	}

}
