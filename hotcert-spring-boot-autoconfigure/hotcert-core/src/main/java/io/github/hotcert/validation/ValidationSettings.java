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
 * @param role the role the material is validated in, or {@code null} when it is not
 * configured (the {@link MaterialValidator} then uses the inferred role)
 */
public record ValidationSettings(Duration clockSkew, Duration minRemainingValidity, List<String> requiredHostnames,
		int minRsaKeySize, BundleRole role) {

	public ValidationSettings {
		Assert.isTrue(clockSkew != null && !clockSkew.isNegative(), "'clockSkew' must not be negative");
		Assert.isTrue(minRemainingValidity != null && !minRemainingValidity.isNegative(),
				"'minRemainingValidity' must not be negative");
		requiredHostnames = (requiredHostnames != null) ? List.copyOf(requiredHostnames) : List.of();
	}

	/**
	 * Create settings that do not configure the role.
	 * @param clockSkew how far in the future a certificate's start of validity may be
	 * @param minRemainingValidity the least time a new leaf certificate should remain
	 * valid
	 * @param requiredHostnames the host names the leaf certificate must cover
	 * @param minRsaKeySize the smallest RSA key size that is not reported as weak
	 */
	public ValidationSettings(Duration clockSkew, Duration minRemainingValidity, List<String> requiredHostnames,
			int minRsaKeySize) {
		this(clockSkew, minRemainingValidity, requiredHostnames, minRsaKeySize, null);
	}

	/**
	 * Return these settings with the given role.
	 * @param role the role
	 * @return the settings
	 */
	public ValidationSettings withRole(BundleRole role) {
		return new ValidationSettings(this.clockSkew, this.minRemainingValidity, this.requiredHostnames,
				this.minRsaKeySize, role);
	}

	/**
	 * Return whether the material is validated as a web server's.
	 * @return whether the role is {@link BundleRole#SERVER}
	 */
	public boolean isServer() {
		return this.role == null || this.role == BundleRole.SERVER;
	}

}
