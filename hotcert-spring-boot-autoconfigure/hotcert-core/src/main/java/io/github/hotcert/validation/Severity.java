package io.github.hotcert.validation;

/**
 * How a failed check is treated.
 */
public enum Severity {

	/**
	 * The material is rejected and the current certificate keeps being served.
	 */
	REJECT,

	/**
	 * The finding is reported but the material is still published.
	 */
	WARN,

	/**
	 * The check does not run.
	 */
	OFF

}
