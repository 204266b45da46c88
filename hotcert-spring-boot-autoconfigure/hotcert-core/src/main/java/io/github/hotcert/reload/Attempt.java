package io.github.hotcert.reload;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.source.MaterialLoadException;
import io.github.hotcert.validation.Check;
import io.github.hotcert.validation.Finding;
import io.github.hotcert.validation.Severity;
import io.github.hotcert.validation.ValidationResult;

/**
 * How one reload went, before it is stamped with its time and trigger.
 *
 * @param outcome how it ended
 * @param previous the leaf certificate served before
 * @param candidate the leaf certificate of the new material
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

	/**
	 * Return a {@link Check#PARSE parse} rejection of material that could not be read.
	 */
	static Attempt unreadable(CertificateInfo previous, CertificateInfo candidate, MaterialLoadException ex,
			ValidationResult unloadable) {
		return unreadable(previous, candidate, ex, List.of(), unloadable);
	}

	static Attempt unreadable(CertificateInfo previous, CertificateInfo candidate, MaterialLoadException ex,
			List<Finding> findings, ValidationResult unloadable) {
		List<Finding> all = new ArrayList<>(findings);
		all.addAll(unloadable.findings());
		return rejected(previous, candidate, Check.PARSE, ex.getMessage(), all);
	}

	/**
	 * Return whether this attempt may have read files that were still being written: the
	 * material was rejected because it could not be read or parsed, or because its key
	 * does not match its certificate, the states that files written one after the other
	 * go through. The one rule of what a {@link ReloadRequest#settling() settling} reload
	 * does not report.
	 * @return whether the material may be incomplete
	 */
	boolean mayBeIncomplete() {
		return this.outcome == ReloadOutcome.REJECTED
				&& (Check.PARSE.id().equals(this.reason) || Check.KEY_MATCH.id().equals(this.reason));
	}

	/**
	 * Return this attempt as one that found the material not complete yet.
	 * @return the settling attempt
	 */
	Attempt settling() {
		return new Attempt(ReloadOutcome.SETTLING, this.previous, this.candidate, this.reason, this.message,
				this.findings);
	}

	/**
	 * Return whether the source holds material that is not served once this attempt is
	 * over. A bundle that others published says nothing about the source: a rejected one
	 * leaves what was known, an accepted one replaces whatever the source holds.
	 * @param request the request of the attempt
	 * @param before whether a change was pending before
	 */
	boolean pendingChange(ReloadRequest request, boolean before) {
		if (request.trigger() == ReloadTrigger.REGISTRY) {
			return this.outcome == ReloadOutcome.REJECTED && before;
		}
		return switch (this.outcome) {
			case RELOADED, UNCHANGED, SETTLING -> false;
			case REJECTED -> true;
			case VALID -> this.candidate == null || this.previous == null
					|| !this.candidate.sha256Fingerprint().equals(this.previous.sha256Fingerprint());
		};
	}

	static CertificateInfo leaf(ServedMaterial served) {
		return (served != null) ? served.leaf() : null;
	}

	static CertificateInfo first(List<CertificateInfo> chain) {
		return chain.isEmpty() ? null : chain.get(0);
	}

	static String describe(CertificateInfo certificate) {
		return (certificate != null) ? certificate.describe() : "no certificate";
	}

	ReloadResult toResult(String bundle, ReloadRequest request, Instant time, Duration duration) {
		return new ReloadResult(bundle, request.trigger(), this.outcome, time, duration, this.previous, this.candidate,
				this.reason, this.message, this.findings, request.principal());
	}

}
