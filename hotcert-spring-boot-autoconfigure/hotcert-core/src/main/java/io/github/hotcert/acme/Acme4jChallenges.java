package io.github.hotcert.acme;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

import io.github.hotcert.acme.DnsChallengeHandler.DnsChallenge;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Answers the challenge of one authorization of an order, of the bundle's challenge type:
 * an HTTP-01 answer served by the challenge listeners (of this instance, and of the
 * others through the storage directory), or a DNS-01 TXT record created by the
 * application's {@link DnsChallengeHandler}. Then asks the CA to check it, waits for the
 * result, and withdraws the answer.
 */
final class Acme4jChallenges {

	private static final Log logger = LogFactory.getLog(Acme4jChallenges.class);

	private final AcmeBundleSettings settings;

	private final ChallengeResponses responses;

	private final Path sharedDirectory;

	private final DnsChallengeHandler dnsHandler;

	private final AcmePolling polling;

	/**
	 * Create a new {@link Acme4jChallenges}.
	 * @param settings the bundle's settings
	 * @param responses the answers of the HTTP challenge listener, or {@code null} for
	 * DNS-01
	 * @param sharedDirectory where HTTP-01 answers are shared with other instances
	 * @param dnsHandler the handler of DNS-01 challenges, or {@code null}
	 * @param polling waits for the CA
	 */
	Acme4jChallenges(AcmeBundleSettings settings, ChallengeResponses responses, Path sharedDirectory,
			DnsChallengeHandler dnsHandler, AcmePolling polling) {
		this.settings = settings;
		this.responses = responses;
		this.sharedDirectory = sharedDirectory;
		this.dnsHandler = dnsHandler;
		this.polling = polling;
	}

	/**
	 * Prove control of the domain of an authorization.
	 * @param authorization the authorization
	 * @param deadline when the order times out
	 */
	void prove(Authorization authorization, Instant deadline) throws AcmeFailure, AcmeException, InterruptedException {
		String domain = authorization.getIdentifier().getDomain();
		Runnable withdraw;
		Challenge challenge;
		if (this.settings.challengeType() == ChallengeType.DNS_01) {
			Dns01Challenge dns = find(authorization, Dns01Challenge.class, domain);
			DnsChallenge record = new DnsChallenge(this.settings.name(), domain,
					dns.getRRName(authorization.getIdentifier()), dns.getDigest());
			create(record);
			withdraw = () -> remove(record);
			challenge = dns;
		}
		else {
			Http01Challenge http = find(authorization, Http01Challenge.class, domain);
			try {
				this.responses.add(http.getToken(), http.getAuthorization(), this.sharedDirectory);
			}
			catch (IOException ex) {
				throw new AcmeFailure("storage", "Unable to share the HTTP-01 answer for %s in '%s': %s"
					.formatted(domain, this.sharedDirectory, ex.getMessage()));
			}
			withdraw = () -> this.responses.remove(http.getToken(), this.sharedDirectory);
			challenge = http;
		}
		try {
			challenge.trigger();
			Status status = this.polling.await(challenge, Set.of(Status.VALID, Status.INVALID), deadline);
			if (status == Status.INVALID) {
				throw AcmeFailures.of(
						"The CA could not validate %s with %s".formatted(domain, this.settings.challengeType().id()),
						challenge.getError().orElse(null));
			}
		}
		finally {
			withdraw.run();
		}
	}

	private <C extends Challenge> C find(Authorization authorization, Class<C> type, String domain) throws AcmeFailure {
		return authorization.findChallenge(type)
			.orElseThrow(() -> new AcmeFailure("unsupported",
					"The CA offers no %s challenge for %s".formatted(this.settings.challengeType().id(), domain)));
	}

	private void create(DnsChallenge record) throws AcmeFailure {
		if (this.dnsHandler == null) {
			throw new AcmeFailure("dns",
					"No DnsChallengeHandler bean creates the TXT record %s".formatted(record.recordName()));
		}
		try {
			this.dnsHandler.create(record);
		}
		catch (Exception ex) {
			throw new AcmeFailure("dns",
					"Unable to create the TXT record %s: %s".formatted(record.recordName(), ex.getMessage()), null, ex);
		}
	}

	private void remove(DnsChallenge record) {
		try {
			this.dnsHandler.remove(record);
		}
		catch (Exception ex) {
			logger.warn("Unable to remove the TXT record %s of bundle '%s': %s".formatted(record.recordName(),
					record.bundle(), ex.getMessage()));
		}
	}

}
