package io.github.hotcert.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.hotcert.validation.BundleRole;
import io.github.hotcert.validation.ConfiguredValidationPolicy;
import io.github.hotcert.validation.ValidationPolicy;
import io.github.hotcert.validation.ValidationSettings;

/**
 * The validation that hotcert does when nothing is configured, for tests. That these are
 * the defaults of the {@code hotcert.validation.*} properties is checked by
 * {@code HotcertConfigurationTests}.
 */
public final class TestValidation {

	/**
	 * The settings of the checks when nothing is configured.
	 */
	public static final ValidationSettings SETTINGS = new ValidationSettings(Duration.ofMinutes(5),
			Duration.ofHours(24), List.of(), 2048);

	/**
	 * The settings of the checks of a client bundle when nothing is configured.
	 */
	public static final ValidationSettings CLIENT = SETTINGS.withRole(BundleRole.CLIENT);

	/**
	 * The settings of the checks of a trust bundle when nothing is configured.
	 */
	public static final ValidationSettings TRUST = SETTINGS.withRole(BundleRole.TRUST);

	private TestValidation() {
	}

	/**
	 * Return the policy when nothing is configured: the default severities and
	 * {@link #SETTINGS settings} for every bundle.
	 * @return the policy
	 */
	public static ValidationPolicy policy() {
		return new ConfiguredValidationPolicy(Map.of(), SETTINGS, Map.of());
	}

}
