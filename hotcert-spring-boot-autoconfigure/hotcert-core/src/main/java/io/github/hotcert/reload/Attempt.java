package io.github.hotcert.reload;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.validation.Check;
import io.github.hotcert.validation.Finding;

/**
 * How one reload went, before it is stamped with its time and trigger.
 *
 * @param outcome how it ended
 * @param previous the leaf certificate served before
 * @param candidate the leaf certificate read from the source
 * @param reason the check that rejected the material, or {@code null}
 * @param message a human readable description
 * @param findings the validation findings
 */
record Attempt(ReloadOutcome outcome, CertificateInfo previous, CertificateInfo candidate, String reason,
		String message, List<Finding> findings) {

	static Attempt rejected(CertificateInfo previous, CertificateInfo candidate, Check check, String message,
			List<Finding> findings) {
		return new Attempt(ReloadOutcome.REJECTED, previous, candidate, check.id(), message, findings);
	}

	boolean pendingChange() {
		return switch (this.outcome) {
			case RELOADED, UNCHANGED -> false;
			case REJECTED -> true;
			case VALID -> this.candidate == null || this.previous == null
					|| !this.candidate.sha256Fingerprint().equals(this.previous.sha256Fingerprint());
		};
	}

	ReloadResult toResult(String bundle, ReloadRequest request, Instant time, Duration duration) {
		return new ReloadResult(bundle, request.trigger(), this.outcome, time, duration, this.previous, this.candidate,
				this.reason, this.message, this.findings, request.principal());
	}

}
