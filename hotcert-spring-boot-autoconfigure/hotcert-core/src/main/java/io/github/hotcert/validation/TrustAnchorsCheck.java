package io.github.hotcert.validation;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.source.TrustMaterial;

/**
 * Checks that the trust material of a {@link BundleRole#TRUST trust bundle} can verify a
 * peer: it holds at least one CA certificate (basic constraints CA:TRUE, or a self-signed
 * certificate such as an old root without the extension) that is within its validity
 * dates now. The trust material of server and client bundles is not checked here: a
 * server may pin its clients' certificates.
 */
class TrustAnchorsCheck implements MaterialCheck {

	private final Clock clock;

	TrustAnchorsCheck(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Check getCheck() {
		return Check.TRUST_ANCHORS;
	}

	@Override
	public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		TrustMaterial trust = material.getTrust();
		if (settings.role() != BundleRole.TRUST) {
			return List.of();
		}
		String location = (trust != null) ? Describe.location(trust.location()) : "the bundle";
		if (trust == null || trust.certificates().isEmpty()) {
			return List
				.of(new Problem((trust != null) ? location : null, "trust bundle '%s' has no trusted certificate in %s"
					.formatted(material.getBundleName(), location)));
		}
		List<X509Certificate> authorities = trust.certificates().stream().filter(TrustAnchorsCheck::isCa).toList();
		if (authorities.isEmpty()) {
			return List.of(new Problem(location, "trust bundle '%s' has no CA certificate in '%s' (it trusts only %s)"
				.formatted(material.getBundleName(), location, describe(trust.certificates()))));
		}
		Instant now = this.clock.instant();
		if (authorities.stream().noneMatch((authority) -> isValid(authority, now))) {
			return List
				.of(new Problem(location, "trust bundle '%s' has no CA certificate in '%s' that is valid now (%s)"
					.formatted(material.getBundleName(), location, describe(authorities))));
		}
		return List.of();
	}

	private static boolean isCa(X509Certificate certificate) {
		return certificate.getBasicConstraints() >= 0
				|| certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
	}

	private static boolean isValid(X509Certificate certificate, Instant now) {
		return !now.isBefore(certificate.getNotBefore().toInstant())
				&& !now.isAfter(certificate.getNotAfter().toInstant());
	}

	private static List<String> describe(List<X509Certificate> certificates) {
		return certificates.stream().map(CertificateInfo::of).map(CertificateInfo::describe).toList();
	}

}
