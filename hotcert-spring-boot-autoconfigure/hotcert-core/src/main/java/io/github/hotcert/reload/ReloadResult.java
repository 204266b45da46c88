package io.github.hotcert.reload;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.validation.Finding;

/**
 * The result of one reload of one bundle.
 *
 * @param bundle the bundle name
 * @param trigger what started the reload
 * @param outcome how it ended
 * @param time when it ended
 * @param duration how long it took
 * @param previousCertificate the leaf certificate served before, or {@code null}
 * @param newCertificate the leaf certificate read from the source (served after a
 * {@link ReloadOutcome#RELOADED reload}), or {@code null} when it could not be read
 * @param reason the check that rejected the material, or {@code null}
 * @param message a human readable description of the result
 * @param findings the validation findings, warnings included
 * @param principal the user who asked for the reload, or {@code null}
 */
public record ReloadResult(String bundle, ReloadTrigger trigger, ReloadOutcome outcome, Instant time, Duration duration,
		CertificateInfo previousCertificate, CertificateInfo newCertificate, String reason, String message,
		List<Finding> findings, String principal) {

	public ReloadResult {
		findings = (findings != null) ? List.copyOf(findings) : List.of();
	}

	/**
	 * Return the reason as a metric tag value: the failed check, or {@code none}.
	 * @return the reason tag
	 */
	public String reasonTag() {
		return (this.reason != null) ? this.reason : "none";
	}

}
