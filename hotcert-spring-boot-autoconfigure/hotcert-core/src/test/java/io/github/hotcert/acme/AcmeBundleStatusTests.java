package io.github.hotcert.acme;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

	@Test
	void eachChangeChangesOnlyItsOwnValues() {
		CertificateInfo stored = certificate("03");
		AcmeBundleStatus full = AcmeBundleStatus.INITIAL.ordered(failedOrder())
			.ordered(issuedOrder(certificate("02")))
			.ordered(failedOrder())
			.ordered(failedOrder())
			.account("https://ca.example/acct/1")
			.waitingFor("owner-b")
			.planned(new RenewalPlan(NOW, NOW.plusSeconds(30), "due"), NOW.plusSeconds(10), true)
			.stored(stored, true);
		assertThat(fields(full)).containsEntry("temporary", true)
			.containsEntry("certificate", stored)
			.containsEntry("consecutiveFailures", 2)
			.containsEntry("issued", 1L)
			.containsEntry("failed", 3L)
			.containsEntry("account", "https://ca.example/acct/1")
			.containsEntry("waitingFor", "owner-b")
			.containsEntry("nextAttempt", NOW.plusSeconds(10))
			.containsEntry("state", AcmeState.FAILING);
		assertChanged(full, full.stored(certificate("04"), false), "certificate", "temporary");
		assertChanged(full, full.planned(new RenewalPlan(NOW, NOW, "later"), NOW.plusSeconds(20), false), "plan",
				"nextAttempt");
		assertChanged(full, full.retryAt(NOW.plusSeconds(40)), "nextAttempt");
		assertChanged(full, full.waitingFor(null), "waitingFor");
		assertChanged(full, full.account("https://ca.example/acct/2"), "account");
		assertChanged(full, full.ordered(failedOrder(NOW.plusSeconds(5))), "lastOrder", "consecutiveFailures",
				"failed");
		assertChanged(full, full.ordered(issuedOrder(certificate("05"))), "lastOrder", "consecutiveFailures", "issued",
				"temporary", "state");
		assertChanged(full, full.renewedElsewhere(), "consecutiveFailures", "temporary", "state");
	}

	@Test
	void aRenewalLastsUntilACertificateIsIssued() {
		AcmeBundleStatus valid = AcmeBundleStatus.INITIAL.stored(certificate("02"), false);
		assertThat(valid.getState()).isEqualTo(AcmeState.VALID);
		AcmeBundleStatus renewing = valid.planned(new RenewalPlan(NOW, NOW, "due"), NOW, true);
		assertThat(renewing.getState()).isEqualTo(AcmeState.RENEWING);
		assertThat(renewing.stored(certificate("02"), false).getState()).isEqualTo(AcmeState.RENEWING);
		AcmeBundleStatus failing = renewing.ordered(failedOrder());
		assertThat(failing.getState()).isEqualTo(AcmeState.FAILING);
		assertThat(failing.renewedElsewhere().getState()).as("still renewing after a failed order")
			.isEqualTo(AcmeState.RENEWING);
		assertThat(failing.ordered(issuedOrder(certificate("03"))).getState()).isEqualTo(AcmeState.VALID);
		assertThat(AcmeBundleStatus.INITIAL.ordered(issuedOrder(certificate("03"))).isTemporary())
			.as("an issued certificate ends the temporary one")
			.isFalse();
	}

	private static void assertChanged(AcmeBundleStatus before, AcmeBundleStatus after, String... names) {
		Map<String, Object> was = fields(before);
		Map<String, Object> is = fields(after);
		assertThat(was.keySet().stream().filter((name) -> !Objects.equals(was.get(name), is.get(name))))
			.containsExactlyInAnyOrder(names);
	}

	private static Map<String, Object> fields(AcmeBundleStatus status) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("temporary", status.isTemporary());
		fields.put("certificate", status.getCertificate());
		fields.put("plan", status.getPlan());
		fields.put("nextAttempt", status.getNextAttempt());
		fields.put("lastOrder", status.getLastOrder());
		fields.put("consecutiveFailures", status.getConsecutiveFailures());
		fields.put("issued", status.getIssued());
		fields.put("failed", status.getFailed());
		fields.put("account", status.getAccount());
		fields.put("waitingFor", status.getWaitingFor());
		fields.put("state", status.getState());
		return fields;
	}

	private static AcmeOrderResult issuedOrder(CertificateInfo certificate) {
		return AcmeOrderResult.issued("web", NOW, Duration.ofSeconds(3), certificate);
	}

	private static AcmeOrderResult failedOrder() {
		return failedOrder(NOW);
	}

	private static AcmeOrderResult failedOrder(Instant time) {
		return AcmeOrderResult.failed("web", time, Duration.ofMillis(10),
				new AcmeFailure("unreachable", "the CA cannot be reached"));
	}

	private static CertificateInfo certificate() {
		return certificate("02");
	}

	private static CertificateInfo certificate(String serialNumber) {
		return new CertificateInfo("CN=web.example", "CN=CA", serialNumber, NOW, NOW.plus(Duration.ofDays(90)),
				List.of("DNS:web.example"), "00", "EC", 256, List.of(), List.of(), false);
	}

}
