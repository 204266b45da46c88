package io.github.hotcert.acme;

import java.util.Locale;

/**
 * Where an ACME bundle stands.
 */
public enum AcmeState {

	/**
	 * No certificate of the CA yet: the temporary self-signed certificate is served while
	 * the first order runs.
	 */
	PENDING,

	/**
	 * A certificate of the CA is served and its renewal is not due.
	 */
	VALID,

	/**
	 * The renewal is due: an order runs, or waits for another instance that orders.
	 */
	RENEWING,

	/**
	 * The last order failed; the next one waits for the backoff.
	 */
	FAILING;

	/**
	 * Return the lower case name used in reports.
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
