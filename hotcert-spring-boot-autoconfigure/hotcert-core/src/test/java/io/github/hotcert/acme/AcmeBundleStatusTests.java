package io.github.hotcert.acme;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.hotcert.source.CertificateInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AcmeBundleStatus} and its replacement through
 * {@link AcmeBundle#updateStatus}.
 */
class AcmeBundleStatusTests {

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	@TempDir
	Path storage;

	private AcmeBundle bundle;

	@BeforeEach
	void createBundle() {
		this.bundle = TestAcmeBundles.of("web", this.storage).getBundle("web");
	}

	@Test
	void aStatusReadBeforeAnOrderEndedStillDescribesTheMomentItWasRead() {
		AcmeBundleStatus before = this.bundle.getStatus();
		AcmeOrderResult failed = failedOrder();
		this.bundle.updateStatus((status) -> status.ordered(failed).retryAt(NOW.plusSeconds(60)));
		assertThat(before.getState()).isEqualTo(AcmeState.PENDING);
		assertThat(before.getConsecutiveFailures()).isZero();
		assertThat(before.getFailed()).isZero();
		assertThat(before.getLastOrder()).isNull();
		assertThat(before.getNextAttempt()).isNull();
		AcmeBundleStatus after = this.bundle.getStatus();
		assertThat(after.getState()).isEqualTo(AcmeState.FAILING);
		assertThat(after.getConsecutiveFailures()).isOne();
		assertThat(after.getFailed()).isOne();
		assertThat(after.getLastOrder()).isSameAs(failed);
		assertThat(after.getNextAttempt()).isEqualTo(NOW.plusSeconds(60));
	}

	@Test
	void anIssuedOrderEndsTheFailuresAndStoresItsCertificateInOneStatus() {
		this.bundle.updateStatus((status) -> status.planned(null, NOW, true).ordered(failedOrder()));
		this.bundle.updateStatus((status) -> status.ordered(failedOrder()));
		AcmeBundleStatus failing = this.bundle.getStatus();
		CertificateInfo certificate = certificate();
		AcmeOrderResult issued = AcmeOrderResult.issued("web", NOW, Duration.ofSeconds(3), certificate);
		AcmeBundleStatus after = this.bundle
			.updateStatus((status) -> status.ordered(issued).stored(certificate, false));
		assertThat(after).isSameAs(this.bundle.getStatus());
		assertThat(after.getState()).isEqualTo(AcmeState.VALID);
		assertThat(after.getLastOrder()).isSameAs(issued);
		assertThat(after.getCertificate()).isSameAs(certificate);
		assertThat(after.getConsecutiveFailures()).isZero();
		assertThat(after.getIssued()).isOne();
		assertThat(after.getFailed()).isEqualTo(2);
		assertThat(after.isTemporary()).isFalse();
		assertThat(failing.getState()).isEqualTo(AcmeState.FAILING);
		assertThat(failing.getConsecutiveFailures()).isEqualTo(2);
		assertThat(failing.getCertificate()).isNull();
	}

	@Test
	void aCertificateRenewedElsewhereEndsThisInstancesFailures() {
		this.bundle.updateStatus((status) -> status.ordered(failedOrder()));
		CertificateInfo certificate = certificate();
		AcmeBundleStatus after = this.bundle
			.updateStatus((status) -> status.renewedElsewhere().stored(certificate, false));
		assertThat(after.getState()).isEqualTo(AcmeState.VALID);
		assertThat(after.getConsecutiveFailures()).isZero();
		assertThat(after.getFailed()).isOne();
		assertThat(after.getIssued()).isZero();
	}

	private static AcmeOrderResult failedOrder() {
		return AcmeOrderResult.failed("web", NOW, Duration.ofMillis(10),
				new AcmeFailure("unreachable", "the CA cannot be reached"));
	}

	private static CertificateInfo certificate() {
		return new CertificateInfo("CN=web.example", "CN=CA", "02", NOW, NOW.plus(Duration.ofDays(90)),
				List.of("DNS:web.example"), "00", "EC", 256, List.of(), List.of(), false);
	}

}
