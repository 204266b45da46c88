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
	 * No certificate that clients verify is signed with a weak algorithm: MD2, MD5 or
	 * SHA-1.
	 */
	SIGNATURE_ALGORITHM("signature-algorithm"),

	/**
	 * No certificate of the path has a critical extension that the JDK's path validation
	 * does not recognize.
	 */
	CRITICAL_EXTENSION("critical-extension"),

	/**
	 * Every certificate that issues another one in the chain may issue certificates: it
	 * is a CA (basic constraints), its key usage allows keyCertSign, and no path length
	 * constraint is exceeded.
	 */
	BASIC_CONSTRAINTS("basic-constraints"),

	/**
	 * The JDK's path validation accepts the chain for every other reason (for example
	 * keys its algorithm constraints refuse, name constraints, policies).
	 */
	PATH("path"),

	/**
	 * The leaf certificate is not a CA certificate.
	 */
	CA_AS_LEAF("ca-as-leaf"),

	/**
	 * The key usage of the leaf certificate, when it has one, allows TLS server use for
	 * its key type (TLS client use for a client bundle).
	 */
	KEY_USAGE("key-usage"),

	/**
	 * The trust material of a trust bundle holds at least one CA certificate that is
	 * valid now.
	 */
	TRUST_ANCHORS("trust-anchors"),

	/**
	 * A TLS handshake with the new material succeeds, in the role of the bundle.
	 */
	HANDSHAKE("handshake"),

	/**
	 * The leaf certificate (every trusted certificate of a trust bundle) stays valid for
	 * at least a minimum time.
	 */
	MIN_VALIDITY("min-validity"),

	/**
	 * The new trust material keeps at least one of the certificates trusted before.
	 */
	TRUST_CONTINUITY("trust-continuity"),

	/**
	 * The leaf certificate may be used for TLS servers (TLS clients for a client bundle).
	 */
	EXTENDED_KEY_USAGE("extended-key-usage"),

	/**
	 * The leaf certificate of a server bundle covers the required host names.
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
