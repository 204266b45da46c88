package io.github.hotcert.validation;

/**
 * One result of a failed check.
 *
 * @param check the check that failed
 * @param severity how the failure is treated ({@link Severity#REJECT} or
 * {@link Severity#WARN})
 * @param location the file (or property) the finding is about, or {@code null}
 * @param message a human readable reason, naming the file and the certificate
 */
public record Finding(Check check, Severity severity, String location, String message) {

	/**
	 * Return whether this finding rejects the material.
	 * @return whether the severity is {@link Severity#REJECT}
	 */
	public boolean isRejection() {
		return this.severity == Severity.REJECT;
	}

}
