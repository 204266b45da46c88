package io.github.hotcert.acme;

import java.util.Locale;

/**
 * How the ACME CA checks that the application controls the domains of a certificate.
 */
public enum ChallengeType {

	/**
	 * HTTP-01: the CA fetches a token over plain HTTP on port 80 of each domain, which
	 * the application answers on its challenge port.
	 */
	HTTP_01("http-01"),

	/**
	 * DNS-01: the CA looks up a TXT record of each domain, which a
	 * {@link DnsChallengeHandler} bean of the application creates. The only type that can
	 * validate wildcard domains.
	 */
	DNS_01("dns-01");

	private final String id;

	ChallengeType(String id) {
		this.id = id;
	}

	/**
	 * Return the type as ACME names it.
	 * @return the ACME name, such as {@code http-01}
	 */
	public String id() {
		return this.id;
	}

	@Override
	public String toString() {
		return this.id.toLowerCase(Locale.ROOT);
	}

}
