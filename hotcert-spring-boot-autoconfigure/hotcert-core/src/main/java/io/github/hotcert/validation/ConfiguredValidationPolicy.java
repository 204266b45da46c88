package io.github.hotcert.validation;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * A {@link ValidationPolicy} with default severities and settings, overridable per
 * bundle.
 */
public class ConfiguredValidationPolicy implements ValidationPolicy {

	private final Map<Check, Severity> severities;

	private final ValidationSettings settings;

	private final Map<String, BundleOverrides> overrides;

	/**
	 * Create a new {@link ConfiguredValidationPolicy}.
	 * @param severities the severity of each check; missing checks use the
	 * {@link ValidationPolicy#defaultSeverities() defaults}
	 * @param settings the default settings
	 * @param overrides the overrides of each bundle, by bundle name
	 */
	public ConfiguredValidationPolicy(Map<Check, Severity> severities, ValidationSettings settings,
			Map<String, BundleOverrides> overrides) {
		Assert.notNull(settings, "'settings' must not be null");
		Map<Check, Severity> merged = new EnumMap<>(ValidationPolicy.defaultSeverities());
		merged.putAll(severities);
		this.severities = merged;
		this.settings = settings;
		this.overrides = Map.copyOf(overrides);
	}

	@Override
	public Severity getSeverity(String bundleName, Check check) {
		BundleOverrides bundle = this.overrides.get(bundleName);
		if (bundle != null && bundle.severities().containsKey(check)) {
			return bundle.severities().get(check);
		}
		return this.severities.get(check);
	}

	@Override
	public ValidationSettings getSettings(String bundleName) {
		BundleOverrides bundle = this.overrides.get(bundleName);
		if (bundle == null) {
			return this.settings;
		}
		return new ValidationSettings(this.settings.clockSkew(),
				(bundle.minRemainingValidity() != null) ? bundle.minRemainingValidity()
						: this.settings.minRemainingValidity(),
				(bundle.requiredHostnames() != null) ? bundle.requiredHostnames() : this.settings.requiredHostnames(),
				this.settings.minRsaKeySize(), (bundle.role() != null) ? bundle.role() : this.settings.role());
	}

	/**
	 * What one bundle overrides.
	 *
	 * @param severities the severities that differ from the defaults
	 * @param minRemainingValidity the minimum remaining validity, or {@code null} for the
	 * default
	 * @param requiredHostnames the required host names, or {@code null} for the default
	 * @param role the role of the bundle, or {@code null} to infer it
	 */
	public record BundleOverrides(Map<Check, Severity> severities, java.time.Duration minRemainingValidity,
			java.util.List<String> requiredHostnames, BundleRole role) {

		public BundleOverrides {
			severities = (severities != null) ? Map.copyOf(severities) : Map.of();
		}

		/**
		 * Create overrides that leave the role to be inferred.
		 * @param severities the severities that differ from the defaults
		 * @param minRemainingValidity the minimum remaining validity, or {@code null} for
		 * the default
		 * @param requiredHostnames the required host names, or {@code null} for the
		 * default
		 */
		public BundleOverrides(Map<Check, Severity> severities, java.time.Duration minRemainingValidity,
				java.util.List<String> requiredHostnames) {
			this(severities, minRemainingValidity, requiredHostnames, null);
		}

	}

}
