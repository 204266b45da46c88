package io.github.hotcert.validation;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.hotcert.source.Durations;
import io.github.hotcert.source.KeyMaterial;
import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.source.TrustMaterial;

/**
 * Checks that the leaf certificate remains valid for at least a minimum time: a renewal
 * that installs a certificate about to expire has not fixed anything. For material with
 * trust material only, every trusted certificate that has expired or expires within that
 * time is reported: TLS peers whose certificates chain only to it are refused once it has
 * expired.
 */
class MinValidityCheck implements MaterialCheck {

	private final Clock clock;

	/**
	 * Create a new {@link MinValidityCheck}.
	 * @param clock the clock
	 */
	public MinValidityCheck(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Check getCheck() {
		return Check.MIN_VALIDITY;
	}

	@Override
	public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		KeyMaterial key = material.getKey();
		Instant now = this.clock.instant();
		if (key == null) {
			return checkTrusted(material.getTrust(), now, settings.minRemainingValidity());
		}
		X509Certificate leaf = key.leaf();
		Instant notAfter = leaf.getNotAfter().toInstant();
		Duration remaining = Duration.between(now, notAfter);
		if (remaining.isNegative() || remaining.compareTo(settings.minRemainingValidity()) >= 0) {
			return List.of();
		}
		String location = Describe.location(key.certificateLocation());
		return List.of(new Problem(location,
				"%s in '%s' expires at %s, in %s, less than the minimum remaining validity of %s".formatted(
						Describe.certificate(leaf), location, notAfter, Durations.describe(remaining),
						Durations.describe(settings.minRemainingValidity()))));
	}

	private List<Problem> checkTrusted(TrustMaterial trust, Instant now, Duration minRemainingValidity) {
		if (trust == null) {
			return List.of();
		}
		String location = Describe.location(trust.location());
		List<Problem> problems = new ArrayList<>();
		for (X509Certificate certificate : trust.certificates()) {
			Instant notAfter = certificate.getNotAfter().toInstant();
			Duration remaining = Duration.between(now, notAfter);
			if (remaining.isNegative()) {
				problems.add(new Problem(location,
						"trusted %s in '%s' expired at %s, %s ago: peers whose certificates chain only to it are "
							.formatted(Describe.certificate(certificate), location, notAfter,
									Durations.describe(remaining.negated()))
								+ "refused"));
			}
			else if (remaining.compareTo(minRemainingValidity) < 0) {
				problems.add(new Problem(location,
						"trusted %s in '%s' expires at %s, in %s, less than the minimum remaining validity of %s"
							.formatted(Describe.certificate(certificate), location, notAfter,
									Durations.describe(remaining), Durations.describe(minRemainingValidity))));
			}
		}
		return problems;
	}

}
