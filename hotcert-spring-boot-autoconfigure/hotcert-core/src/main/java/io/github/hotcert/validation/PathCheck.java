package io.github.hotcert.validation;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.hotcert.source.KeyMaterial;
import io.github.hotcert.source.LoadedMaterial;

import org.springframework.util.Assert;

/**
 * Validates the leaf certificate as a path, the way a TLS client does, and reports one of
 * the reasons of path validation: {@link Check#SIGNATURE_ALGORITHM signature-algorithm},
 * {@link Check#CRITICAL_EXTENSION critical-extension}, {@link Check#BASIC_CONSTRAINTS
 * basic-constraints} or {@link Check#PATH path} for anything else that the JDK's PKIX
 * validation refuses. The path ends at the self-signed root of the chain, at the
 * certificate of the bundle's trust store that issued the chain, or else at the last
 * certificate of the chain, which is then taken as trusted (and the messages say so).
 */
class PathCheck implements MaterialCheck {

	private static final Set<Check> PATH_CHECKS = EnumSet.of(Check.SIGNATURE_ALGORITHM, Check.CRITICAL_EXTENSION,
			Check.BASIC_CONSTRAINTS, Check.PATH);

	private final Check check;

	private final Clock clock;

	/**
	 * Create a new {@link PathCheck}.
	 * @param check the reason to report: signature-algorithm, critical-extension,
	 * basic-constraints or path
	 * @param clock the clock for the time of validation
	 */
	public PathCheck(Check check, Clock clock) {
		Assert.isTrue(PATH_CHECKS.contains(check), () -> "'check' must be one of " + PATH_CHECKS);
		Assert.notNull(clock, "'clock' must not be null");
		this.check = check;
		this.clock = clock;
	}

	@Override
	public Check getCheck() {
		return this.check;
	}

	@Override
	public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		KeyMaterial key = material.getKey();
		if (key == null) {
			return List.of();
		}
		String location = Describe.location(key.certificateLocation());
		CertificatePath path = CertificatePath.of(key, material.getTrust());
		return PathValidation.validate(path, location, this.clock.instant())
			.problems(this.check)
			.stream()
			.map((message) -> new Problem(location, message))
			.toList();
	}

}
