package io.github.hotcert.validation;

/**
 * What a bundle's material is for, which decides how it is validated. The role of a
 * bundle can be configured; otherwise it is {@link #infer inferred}.
 */
public enum BundleRole {

	/**
	 * A web server serves the bundle: its certificate is a TLS server certificate.
	 */
	SERVER("server"),

	/**
	 * No web server serves the bundle and it has a key: its certificate is a TLS client
	 * certificate that clients built from the bundle present.
	 */
	CLIENT("client"),

	/**
	 * The bundle has only trust material: the certificates that TLS peers are verified
	 * with.
	 */
	TRUST("trust");

	private final String id;

	BundleRole(String id) {
		this.id = id;
	}

	/**
	 * Return the identifier of the role as used in configuration and reports.
	 * @return the identifier
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Infer the role of a bundle whose role is not configured: a bundle that a web server
	 * serves is a server bundle; any other is a client bundle when it has a key, a trust
	 * bundle otherwise.
	 * @param servedByWebServer whether a web server serves the bundle
	 * @param hasKey whether the bundle's material has a key
	 * @return the role
	 */
	public static BundleRole infer(boolean servedByWebServer, boolean hasKey) {
		if (servedByWebServer) {
			return SERVER;
		}
		return hasKey ? CLIENT : TRUST;
	}

	@Override
	public String toString() {
		return this.id;
	}

}
