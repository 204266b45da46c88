package io.github.hotcert.validation;

import java.util.List;

/**
 * The findings of validating certificate material.
 *
 * @param findings the findings, in the order the checks ran
 */
public record ValidationResult(List<Finding> findings) {

	public ValidationResult {
		findings = List.copyOf(findings);
	}

	/**
	 * Return whether the material is rejected.
	 * @return whether any finding rejects the material
	 */
	public boolean isRejected() {
		return this.findings.stream().anyMatch(Finding::isRejection);
	}

	/**
	 * Return the first finding that rejects the material.
	 * @return the first rejection, or {@code null}
	 */
	public Finding firstRejection() {
		return this.findings.stream().filter(Finding::isRejection).findFirst().orElse(null);
	}

	/**
	 * Return the findings that do not reject the material.
	 * @return the warnings
	 */
	public List<Finding> warnings() {
		return this.findings.stream().filter((finding) -> !finding.isRejection()).toList();
	}

}
