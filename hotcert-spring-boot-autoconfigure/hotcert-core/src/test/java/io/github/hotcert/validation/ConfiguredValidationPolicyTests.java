package io.github.hotcert.validation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.hotcert.validation.ConfiguredValidationPolicy.BundleOverrides;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link ConfiguredValidationPolicy}, {@link ValidationPolicy} and
 * {@link ValidationSettings}.
 */
class ConfiguredValidationPolicyTests {

	private static final ValidationSettings SETTINGS = new ValidationSettings(Duration.ofMinutes(10),
			Duration.ofHours(48), List.of("www.example.com"), 3072);

	@Test
	void rejectsForChecksThatProveTheMaterialWorksAndWarnsForTheOthersByDefault() {
		assertThat(ValidationPolicy.defaultSeverities()).containsOnly(entry(Check.PARSE, Severity.REJECT),
				entry(Check.KEY_MATCH, Severity.REJECT), entry(Check.DATES, Severity.REJECT),
				entry(Check.CHAIN, Severity.REJECT), entry(Check.SIGNATURE_ALGORITHM, Severity.REJECT),
				entry(Check.CRITICAL_EXTENSION, Severity.REJECT), entry(Check.BASIC_CONSTRAINTS, Severity.REJECT),
				entry(Check.PATH, Severity.REJECT), entry(Check.CA_AS_LEAF, Severity.REJECT),
				entry(Check.KEY_USAGE, Severity.REJECT), entry(Check.TRUST_ANCHORS, Severity.REJECT),
				entry(Check.HANDSHAKE, Severity.REJECT), entry(Check.MIN_VALIDITY, Severity.WARN),
				entry(Check.TRUST_CONTINUITY, Severity.WARN), entry(Check.EXTENDED_KEY_USAGE, Severity.WARN),
				entry(Check.HOSTNAMES, Severity.WARN), entry(Check.KEY_STRENGTH, Severity.WARN),
				entry(Check.APPLY, Severity.REJECT));
		ValidationPolicy defaults = new ConfiguredValidationPolicy(Map.of(), SETTINGS, Map.of());
		assertThat(defaults.getSeverity("web", Check.HANDSHAKE)).isEqualTo(Severity.REJECT);
		assertThat(defaults.getSeverity("web", Check.HOSTNAMES)).isEqualTo(Severity.WARN);
	}

	@Test
	void usesConfiguredSeveritiesAndTheDefaultsForTheOtherChecks() {
		ConfiguredValidationPolicy policy = new ConfiguredValidationPolicy(
				Map.of(Check.HOSTNAMES, Severity.REJECT, Check.KEY_STRENGTH, Severity.OFF), SETTINGS, Map.of());
		assertThat(policy.getSeverity("web", Check.HOSTNAMES)).isEqualTo(Severity.REJECT);
		assertThat(policy.getSeverity("web", Check.KEY_STRENGTH)).isEqualTo(Severity.OFF);
		assertThat(policy.getSeverity("web", Check.DATES)).isEqualTo(Severity.REJECT);
		assertThat(policy.getSeverity("web", Check.MIN_VALIDITY)).isEqualTo(Severity.WARN);
		assertThat(policy.getSettings("web")).isSameAs(SETTINGS);
	}

	@Test
	void overridesSeveritiesForOneBundle() {
		ConfiguredValidationPolicy policy = new ConfiguredValidationPolicy(Map.of(Check.HOSTNAMES, Severity.REJECT),
				SETTINGS, Map.of("internal", new BundleOverrides(Map.of(Check.DATES, Severity.WARN), null, null)));
		assertThat(policy.getSeverity("internal", Check.DATES)).isEqualTo(Severity.WARN);
		assertThat(policy.getSeverity("internal", Check.HOSTNAMES)).isEqualTo(Severity.REJECT);
		assertThat(policy.getSeverity("internal", Check.KEY_STRENGTH)).isEqualTo(Severity.WARN);
		assertThat(policy.getSeverity("web", Check.DATES)).isEqualTo(Severity.REJECT);
	}

	@Test
	void overridesMinRemainingValidityForOneBundleKeepingTheOtherSettings() {
		ConfiguredValidationPolicy policy = new ConfiguredValidationPolicy(Map.of(), SETTINGS,
				Map.of("internal", new BundleOverrides(null, Duration.ofHours(1), null)));
		assertThat(policy.getSettings("internal")).isEqualTo(
				new ValidationSettings(Duration.ofMinutes(10), Duration.ofHours(1), List.of("www.example.com"), 3072));
		assertThat(policy.getSettings("web")).isSameAs(SETTINGS);
	}

	@Test
	void overridesRequiredHostnamesForOneBundleKeepingTheOtherSettings() {
		ConfiguredValidationPolicy policy = new ConfiguredValidationPolicy(Map.of(), SETTINGS,
				Map.of("internal", new BundleOverrides(Map.of(), null, List.of("internal.example.com"))));
		assertThat(policy.getSettings("internal")).isEqualTo(new ValidationSettings(Duration.ofMinutes(10),
				Duration.ofHours(48), List.of("internal.example.com"), 3072));
		assertThat(policy.getSeverity("internal", Check.HOSTNAMES)).isEqualTo(Severity.WARN);
	}

	@Test
	void overridesRequiredHostnamesWithNoneForOneBundle() {
		ConfiguredValidationPolicy policy = new ConfiguredValidationPolicy(Map.of(), SETTINGS,
				Map.of("internal", new BundleOverrides(null, null, List.of())));
		assertThat(policy.getSettings("internal").requiredHostnames()).isEmpty();
	}

	@Test
	void refusesNegativeDurations() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ValidationSettings(Duration.ofMinutes(-1), Duration.ofHours(24), null, 2048))
			.withMessage("'clockSkew' must not be negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ValidationSettings(Duration.ZERO, Duration.ofHours(-24), null, 2048))
			.withMessage("'minRemainingValidity' must not be negative");
		assertThat(new ValidationSettings(Duration.ZERO, Duration.ZERO, null, 2048).requiredHostnames()).isEmpty();
	}

}
