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

/**
 * Checks that every certificate of the chain is within its validity period. A certificate
 * whose validity starts in the future is accepted when it starts within the clock skew
 * tolerance: issuers backdate, clocks drift.
 */
class DatesCheck implements MaterialCheck {

	private final Clock clock;

	/**
	 * Create a new {@link DatesCheck}.
	 * @param clock the clock
	 */
	public DatesCheck(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Check getCheck() {
		return Check.DATES;
	}

	@Override
	public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		KeyMaterial key = material.getKey();
		if (key == null) {
			return List.of();
		}
		Instant now = this.clock.instant();
		String location = Describe.location(key.certificateLocation());
		List<Problem> problems = new ArrayList<>();
		for (X509Certificate certificate : key.chain()) {
			Instant notAfter = certificate.getNotAfter().toInstant();
			Instant notBefore = certificate.getNotBefore().toInstant();
			if (now.isAfter(notAfter)) {
				problems.add(new Problem(location,
						"%s in '%s' expired at %s, %s ago".formatted(Describe.certificate(certificate), location,
								notAfter, Durations.describe(Duration.between(notAfter, now)))));
			}
			else if (notBefore.isAfter(now.plus(settings.clockSkew()))) {
				problems.add(new Problem(location,
						"%s in '%s' is not valid before %s, %s from now, beyond the clock skew tolerance of %s"
							.formatted(Describe.certificate(certificate), location, notBefore,
									Durations.describe(Duration.between(now, notBefore)),
									Durations.describe(settings.clockSkew()))));
			}
		}
		return problems;
	}

}
