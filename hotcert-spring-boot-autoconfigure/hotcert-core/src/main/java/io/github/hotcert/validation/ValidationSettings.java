package io.github.hotcert.validation;

import java.time.Duration;
import java.util.List;

import org.springframework.util.Assert;

/**
 * The parameters of the checks for one bundle. The defaults are those of the
 * {@code hotcert.validation.*} properties.
 *
 * @param clockSkew how far in the future a certificate's start of validity may be and
 * still be accepted: issuers backdate, clocks drift
 * @param minRemainingValidity the least time a new leaf certificate should remain valid
 * @param requiredHostnames the host names the leaf certificate must cover
 * @param minRsaKeySize the smallest RSA key size that is not reported as weak
 */
public record ValidationSettings(Duration clockSkew, Duration minRemainingValidity, List<String> requiredHostnames,
		int minRsaKeySize) {

	public ValidationSettings {
		Assert.isTrue(clockSkew != null && !clockSkew.isNegative(), "'clockSkew' must not be negative");
		Assert.isTrue(minRemainingValidity != null && !minRemainingValidity.isNegative(),
				"'minRemainingValidity' must not be negative");
		requiredHostnames = (requiredHostnames != null) ? List.copyOf(requiredHostnames) : List.of();
	}

}
