package io.github.hotcert.acme;

import java.util.Locale;

/**
 * How an order of a certificate ended.
 */
public enum OrderOutcome {

	/**
	 * The CA issued a certificate, which was validated and stored.
	 */
	ISSUED,

	/**
	 * The order failed: the CA refused it, could not be reached, could not validate a
	 * challenge, or issued material that did not pass validation.
	 */
	FAILED;

	/**
	 * Return the lower case name used in reports and metric tags.
	 * @return the name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return id();
	}

}
