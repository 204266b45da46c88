package io.github.hotcert.validation;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertPathValidatorException.Reason;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates a {@link CertificatePath} the way a TLS client does, and sorts what it finds
 * into the checks of path validation. The judge is the JDK's PKIX
 * {@link CertPathValidator}, with the JDK's algorithm constraints (what
 * {@code jdk.certpath.disabledAlgorithms} refuses) and without revocation checking. It
 * stops at the first failure, so validation goes on below a failing certificate, anchored
 * on it, to find the failures further down. What it cannot judge is judged here, by the
 * same rules: the certificates it never processed (the anchor, when it is a certificate
 * of the chain, and each certificate at which it stopped), and SHA-1 signatures, which
 * the JDK refuses only for chains to its own root CAs while browsers, Go and OpenSSL
 * refuse them everywhere. Failures that the dates and chain checks own (expiry, a broken
 * link) are left to them.
 */
final class PathValidation {

	/**
	 * The critical extensions that the JDK's PKIX validation processes.
	 */
	static final Set<String> RECOGNIZED_CRITICAL_EXTENSIONS = Set.of("2.5.29.15", "2.5.29.17", "2.5.29.19", "2.5.29.30",
			"2.5.29.32", "2.5.29.33", "2.5.29.36", "2.5.29.37", "2.5.29.54");

	private static final int KEY_CERT_SIGN = 5;

	private final CertificatePath path;

	private final String location;

	private final List<Failure> failures = new ArrayList<>();

	private final Map<X509Certificate, Set<String>> unknownCriticalExtensions = new HashMap<>();

	private final Set<X509Certificate> unjudged = new HashSet<>();

	private PathValidation(CertificatePath path, String location) {
		this.path = path;
		this.location = location;
	}

	static PathValidation validate(CertificatePath path, String location, Instant now) {
		PathValidation validation = new PathValidation(path, location);
		validation.run(now);
		return validation;
	}

	private void run(Instant now) {
		if (this.path.isAnchorInChain()) {
			this.unjudged.add(this.path.anchor());
		}
		List<X509Certificate> remaining = this.path.validated();
		X509Certificate anchor = this.path.anchor();
		while (!remaining.isEmpty()) {
			try {
				validate(remaining, anchor, now);
				return;
			}
			catch (CertPathValidatorException ex) {
				int index = ex.getIndex();
				if (index < 0 || index >= remaining.size()) {
					this.failures.add(new Failure(ex.getReason(), null, ex.getMessage()));
					return;
				}
				X509Certificate failed = remaining.get(index);
				if (!isConsequence(ex.getReason(), anchor)) {
					this.failures.add(new Failure(ex.getReason(), failed, ex.getMessage()));
				}
				this.unjudged.add(failed);
				anchor = failed;
				remaining = remaining.subList(0, index);
			}
			catch (GeneralSecurityException ex) {
				this.failures.add(new Failure(BasicReason.UNSPECIFIED, null, ex.getMessage()));
				return;
			}
		}
	}

	/**
	 * Return whether a failure below a certificate that failed the algorithm constraints,
	 * and that the validation went on from, is only about that certificate's key again.
	 */
	private boolean isConsequence(Reason reason, X509Certificate anchor) {
		Failure previous = this.failures.isEmpty() ? null : this.failures.get(this.failures.size() - 1);
		return reason == BasicReason.ALGORITHM_CONSTRAINED && previous != null
				&& previous.reason() == BasicReason.ALGORITHM_CONSTRAINED && anchor.equals(previous.certificate());
	}

	private void validate(List<X509Certificate> certificates, X509Certificate anchor, Instant now)
			throws GeneralSecurityException {
		PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
		parameters.setRevocationEnabled(false);
		parameters.setDate(Date.from(now));
		parameters.addCertPathChecker(new CriticalExtensionRecorder(this.unknownCriticalExtensions));
		CertPathValidator.getInstance("PKIX")
			.validate(CertificateFactory.getInstance("X.509").generateCertPath(certificates), parameters);
	}

	/**
	 * Return the reasons that the given check reports.
	 * @param check the check
	 * @return the messages, empty when the path passes that check
	 */
	List<String> problems(Check check) {
		return switch (check) {
			case SIGNATURE_ALGORITHM -> weakSignatures();
			case CRITICAL_EXTENSION -> unknownCriticalExtensions();
			case BASIC_CONSTRAINTS -> basicConstraints();
			case PATH -> otherFailures();
			default -> List.of();
		};
	}

	private List<String> weakSignatures() {
		List<String> problems = new ArrayList<>();
		for (X509Certificate certificate : this.path.chain()) {
			if (!this.path.isSelfSignedAnchor(certificate) && isWeak(certificate.getSigAlgName())) {
				problems.add("%s in '%s' is signed with %s: MD5 and SHA-1 signatures can be forged, and TLS clients "
					.formatted(Describe.certificate(certificate), this.location, certificate.getSigAlgName())
						+ "refuse them");
			}
		}
		return problems;
	}

	static boolean isWeak(String signatureAlgorithm) {
		String name = signatureAlgorithm.toUpperCase(Locale.ROOT).replace("-", "");
		return name.startsWith("MD2") || name.startsWith("MD5") || name.startsWith("SHA1");
	}

	private List<String> unknownCriticalExtensions() {
		List<String> problems = new ArrayList<>();
		for (X509Certificate certificate : this.path.chain()) {
			Set<String> unknown = this.unknownCriticalExtensions.get(certificate);
			if (unknown == null && this.unjudged.contains(certificate)) {
				unknown = new TreeSet<>(nonNull(certificate.getCriticalExtensionOIDs()));
				unknown.removeAll(RECOGNIZED_CRITICAL_EXTENSIONS);
			}
			if (unknown != null && !unknown.isEmpty()) {
				problems.add("%s in '%s' has critical extensions that the JDK's path validation does not recognize %s: "
					.formatted(Describe.certificate(certificate), this.location, unknown)
						+ "TLS clients refuse a certificate with a critical extension they do not know");
			}
		}
		return problems;
	}

	private List<String> basicConstraints() {
		List<String> problems = new ArrayList<>();
		Set<X509Certificate> reported = new HashSet<>();
		for (Failure failure : this.failures) {
			if (failure.certificate() != null && check(failure) == Check.BASIC_CONSTRAINTS) {
				reported.add(failure.certificate());
				problems.add(describe(failure));
			}
		}
		List<X509Certificate> chain = this.path.chain();
		for (int i = 1; i < chain.size(); i++) {
			X509Certificate issuer = chain.get(i);
			if (this.unjudged.contains(issuer) && !reported.contains(issuer)) {
				String problem = issuerProblem(issuer);
				if (problem != null) {
					problems.add("%s in '%s' issues %s but %s".formatted(Describe.certificate(issuer), this.location,
							Describe.certificate(chain.get(i - 1)), problem));
				}
			}
		}
		return problems;
	}

	private String issuerProblem(X509Certificate issuer) {
		if (issuer.getBasicConstraints() < 0 && !(issuer.getVersion() < 3 && this.path.isSelfSignedAnchor(issuer))) {
			return "is not a CA certificate (its basic constraints do not say CA:TRUE)";
		}
		boolean[] keyUsage = issuer.getKeyUsage();
		if (keyUsage != null && (keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN])) {
			return "its key usage does not allow keyCertSign";
		}
		return null;
	}

	private List<String> otherFailures() {
		Set<String> problems = new LinkedHashSet<>();
		for (Failure failure : this.failures) {
			if (check(failure) == Check.PATH) {
				problems.add(describe(failure));
			}
		}
		return List.copyOf(problems);
	}

	private String describe(Failure failure) {
		String at = (failure.certificate() != null) ? " at " + Describe.certificate(failure.certificate()) : "";
		return "the JDK's path validation of the chain in '%s' fails%s: %s (validated up to %s)"
			.formatted(this.location, at, failure.message(), this.path.describeAnchor());
	}

	/**
	 * Return the check that owns a failure of the JDK's validation, or {@code null} when
	 * another check (dates, chain, key usage) or a rule of this class reports it.
	 */
	private Check check(Failure failure) {
		Reason reason = failure.reason();
		boolean leaf = this.path.chain().get(0).equals(failure.certificate());
		if (reason == BasicReason.ALGORITHM_CONSTRAINED) {
			boolean weak = failure.certificate() != null && isWeak(failure.certificate().getSigAlgName());
			return weak ? null : Check.PATH;
		}
		if (reason == PKIXReason.UNRECOGNIZED_CRIT_EXT) {
			return null;
		}
		if (reason == PKIXReason.NOT_CA_CERT || reason == PKIXReason.PATH_TOO_LONG
				|| (reason == PKIXReason.INVALID_KEY_USAGE && !leaf)) {
			return Check.BASIC_CONSTRAINTS;
		}
		if (reason == PKIXReason.INVALID_KEY_USAGE || reason == BasicReason.EXPIRED
				|| reason == BasicReason.NOT_YET_VALID || reason == BasicReason.INVALID_SIGNATURE
				|| reason == PKIXReason.NAME_CHAINING || reason == PKIXReason.NO_TRUST_ANCHOR) {
			return null;
		}
		return Check.PATH;
	}

	private static Set<String> nonNull(Set<String> set) {
		return (set != null) ? set : Set.of();
	}

	private record Failure(Reason reason, X509Certificate certificate, String message) {

	}

}
