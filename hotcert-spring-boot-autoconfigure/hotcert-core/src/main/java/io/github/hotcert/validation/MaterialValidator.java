package io.github.hotcert.validation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.source.MaterialLoadException;

import org.springframework.util.Assert;

/**
 * Runs the {@link MaterialCheck checks} over new certificate material, in order, and
 * stops at the first check that rejects it.
 */
public class MaterialValidator {

	private final List<MaterialCheck> checks;

	private final ValidationPolicy policy;

	/**
	 * Create a new {@link MaterialValidator}.
	 * @param checks the checks, in the order they run
	 * @param policy the policy that decides how failures are treated
	 */
	public MaterialValidator(List<MaterialCheck> checks, ValidationPolicy policy) {
		Assert.notNull(checks, "'checks' must not be null");
		Assert.notNull(policy, "'policy' must not be null");
		this.checks = List.copyOf(checks);
		this.policy = policy;
	}

	/**
	 * Validate the given material on its own, in the role configured for its bundle, or
	 * as a server's when none is.
	 * @param material the material
	 * @return the findings
	 */
	public ValidationResult validate(LoadedMaterial material) {
		return validate(material, BundleRole.SERVER, List.of());
	}

	/**
	 * Validate material that is to replace what its bundle serves, in the role configured
	 * for the bundle, or in the inferred role when none is.
	 * @param material the material
	 * @param inferredRole the role of the bundle when none is configured
	 * @param servedTrust the trusted certificates the bundle serves now, empty when it
	 * serves none or nothing yet
	 * @return the findings
	 */
	public ValidationResult validate(LoadedMaterial material, BundleRole inferredRole,
			List<CertificateInfo> servedTrust) {
		List<Finding> findings = new ArrayList<>();
		ValidationSettings configured = this.policy.getSettings(material.getBundleName());
		ValidationSettings settings = configured.withRole(getRole(configured, inferredRole));
		for (MaterialCheck check : this.checks) {
			Severity severity = this.policy.getSeverity(material.getBundleName(), check.getCheck());
			if (severity == null || severity == Severity.OFF) {
				continue;
			}
			for (MaterialCheck.Problem problem : check.check(material, settings, servedTrust)) {
				findings.add(new Finding(check.getCheck(), severity, problem.location(), problem.message()));
			}
			if (severity == Severity.REJECT && findings.stream().anyMatch(Finding::isRejection)) {
				break;
			}
		}
		return new ValidationResult(findings);
	}

	/**
	 * Return the role a bundle's material is validated in: the role configured for the
	 * bundle, or the inferred role when none is.
	 * @param bundleName the bundle name
	 * @param inferredRole the inferred role
	 * @return the role
	 */
	public BundleRole getRole(String bundleName, BundleRole inferredRole) {
		return getRole(this.policy.getSettings(bundleName), inferredRole);
	}

	private static BundleRole getRole(ValidationSettings configured, BundleRole inferredRole) {
		return (configured.role() != null) ? configured.role() : inferredRole;
	}

	/**
	 * Report material that cannot be loaded (a file that cannot be read or parsed, a key
	 * store that cannot be built) as a finding of the {@link Check#PARSE parse} check,
	 * the same way as every other finding. It always rejects: there is nothing to
	 * publish, so a policy that sets parse to warn or off relaxes only the rule that the
	 * leaf comes first.
	 * @param exception why the material cannot be loaded
	 * @return the result, with one rejecting finding that names the bundle and the file
	 */
	public ValidationResult rejectUnloadable(MaterialLoadException exception) {
		String location = (exception.getLocation() != null) ? exception.getLocation().describe() : null;
		return new ValidationResult(
				List.of(new Finding(Check.PARSE, Severity.REJECT, location, exception.getMessage())));
	}

	/**
	 * Create a validator with every check of hotcert, in order: parse, key-match, dates,
	 * chain, signature-algorithm, critical-extension, basic-constraints, path,
	 * ca-as-leaf, key-usage, trust-anchors, handshake, min-validity, trust-continuity,
	 * extended-key-usage, hostnames, key-strength.
	 * @param clock the clock for the date checks and path validation
	 * @param policy the policy that decides how failures are treated
	 * @return the validator
	 */
	public static MaterialValidator withDefaultChecks(Clock clock, ValidationPolicy policy) {
		return new MaterialValidator(List.of(new ParseCheck(), new KeyMatchCheck(), new DatesCheck(clock),
				new ChainCheck(), new PathCheck(Check.SIGNATURE_ALGORITHM, clock),
				new PathCheck(Check.CRITICAL_EXTENSION, clock), new PathCheck(Check.BASIC_CONSTRAINTS, clock),
				new PathCheck(Check.PATH, clock), new CaAsLeafCheck(), new KeyUsageCheck(),
				new TrustAnchorsCheck(clock), new HandshakeCheck(), new MinValidityCheck(clock),
				new TrustContinuityCheck(), new ExtendedKeyUsageCheck(), new HostnamesCheck(), new KeyStrengthCheck()),
				policy);
	}

	/**
	 * Return the checks, in the order they run.
	 * @return the checks
	 */
	public List<MaterialCheck> getChecks() {
		return this.checks;
	}

}
