package io.github.hotcert.validation;

import java.util.EnumMap;
import java.util.Map;

/**
 * Decides how a failed check is treated for a bundle.
 */
public interface ValidationPolicy {

	/**
	 * Return how a failure of the given check is treated for the given bundle.
	 * @param bundleName the bundle name
	 * @param check the check
	 * @return the severity
	 */
	Severity getSeverity(String bundleName, Check check);

	/**
	 * Return the parameters of the checks for the given bundle.
	 * @param bundleName the bundle name
	 * @return the settings
	 */
	ValidationSettings getSettings(String bundleName);

	/**
	 * Return the default severity of each check: the checks that prove the material works
	 * reject, the others warn.
	 * @return the default severities
	 */
	static Map<Check, Severity> defaultSeverities() {
		Map<Check, Severity> severities = new EnumMap<>(Check.class);
		for (Check check : Check.values()) {
			severities.put(check, Severity.REJECT);
		}
		severities.put(Check.MIN_VALIDITY, Severity.WARN);
		severities.put(Check.TRUST_CONTINUITY, Severity.WARN);
		severities.put(Check.EXTENDED_KEY_USAGE, Severity.WARN);
		severities.put(Check.HOSTNAMES, Severity.WARN);
		severities.put(Check.KEY_STRENGTH, Severity.WARN);
		return severities;
	}

}
