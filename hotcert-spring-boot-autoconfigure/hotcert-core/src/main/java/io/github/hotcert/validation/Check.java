package io.github.hotcert.validation;

/**
 * The checks that new certificate material goes through before it is published, in the
 * order they run.
 */
public enum Check {

	/**
	 * Every file can be read and parsed.
	 */
	PARSE("parse"),

	/**
	 * The private key belongs to the leaf certificate.
	 */
	KEY_MATCH("key-match"),

	/**
	 * The certificates are within their validity period.
	 */
	DATES("dates"),

	/**
	 * Each certificate of the chain is signed by the next one.
	 */
	CHAIN("chain"),

	/**
	 * A TLS handshake with the new material succeeds.
	 */
	HANDSHAKE("handshake"),

	/**
	 * The leaf certificate stays valid for at least a minimum time.
	 */
	MIN_VALIDITY("min-validity"),

	/**
	 * The leaf certificate may be used for TLS servers.
	 */
	EXTENDED_KEY_USAGE("extended-key-usage"),

	/**
	 * The leaf certificate covers the required host names.
	 */
	HOSTNAMES("hostnames"),

	/**
	 * The keys are strong enough.
	 */
	KEY_STRENGTH("key-strength"),

	/**
	 * The material could be applied to the registry and the web servers.
	 */
	APPLY("apply");

	private final String id;

	Check(String id) {
		this.id = id;
	}

	/**
	 * Return the identifier of the check as used in configuration, reports and metric
	 * tags.
	 * @return the identifier
	 */
	public String id() {
		return this.id;
	}

	@Override
	public String toString() {
		return this.id;
	}

}
