package io.github.hotcert.acme;

/**
 * Creates and removes the TXT records of DNS-01 challenges, for ACME bundles with
 * {@code challenge-type: dns-01}. hotcert has no DNS provider built in: define a bean of
 * this type that talks to yours (Route 53, Cloudflare, an RFC 2136 server...).
 * <p>
 * Called on hotcert's ACME thread, one challenge at a time.
 */
public interface DnsChallengeHandler {

	/**
	 * Create the TXT record of a challenge, and return once the CA's resolvers can see it
	 * (after the provider reports the change as propagated). The CA checks the record
	 * when this method returns.
	 * @param challenge the challenge
	 * @throws Exception if the record cannot be created: the order fails with its message
	 */
	void create(DnsChallenge challenge) throws Exception;

	/**
	 * Remove the TXT record of a challenge once the CA checked it, whatever the result.
	 * @param challenge the challenge
	 * @throws Exception if the record cannot be removed: this is logged and the order
	 * goes on
	 */
	void remove(DnsChallenge challenge) throws Exception;

	/**
	 * One DNS-01 challenge.
	 *
	 * @param bundle the name of the bundle whose certificate is ordered
	 * @param domain the domain to prove control of, without a wildcard label
	 * @param recordName the name of the TXT record, {@code _acme-challenge.<domain>.}
	 * @param value the value of the TXT record
	 */
	record DnsChallenge(String bundle, String domain, String recordName, String value) {

	}

}
