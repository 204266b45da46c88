package io.github.hotcert.validation;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.hotcert.source.Durations;
import io.github.hotcert.source.KeyMaterial;
import io.github.hotcert.source.LoadedMaterial;

/**
 * Checks that the leaf certificate remains valid for at least a minimum time: a renewal
 * that installs a certificate about to expire has not fixed anything.
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
		if (key == null) {
			return List.of();
		}
		X509Certificate leaf = key.leaf();
		Instant now = this.clock.instant();
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

}
