package io.github.hotcert.validation;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.source.TrustMaterial;

/**
 * Checks that new trust material keeps at least one of the certificates the bundle trusts
 * now: a change that replaces every one of them refuses, from the next handshake on,
 * every peer whose certificate chains only to the certificates trusted before. That is
 * what moving to a new CA looks like, so it is reported, not refused, by default.
 */
class TrustContinuityCheck implements MaterialCheck {

	@Override
	public Check getCheck() {
		return Check.TRUST_CONTINUITY;
	}

	@Override
	public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		return List.of();
	}

	@Override
	public List<Problem> check(LoadedMaterial material, ValidationSettings settings,
			List<CertificateInfo> servedTrust) {
		if (servedTrust.isEmpty()) {
			return List.of();
		}
		TrustMaterial trust = material.getTrust();
		List<CertificateInfo> removed = servedTrust.stream().distinct().toList();
		if (trust == null) {
			return List.of(new Problem(null,
					("the new material of bundle '%s' has no trust material: it no longer "
							+ "trusts %s but the JDK's default CAs")
						.formatted(material.getBundleName(), describe(removed))));
		}
		Set<String> kept = trust.certificates()
			.stream()
			.map((certificate) -> CertificateInfo.of(certificate).sha256Fingerprint())
			.collect(Collectors.toSet());
		if (servedTrust.stream().anyMatch((served) -> kept.contains(served.sha256Fingerprint()))) {
			return List.of();
		}
		String location = Describe.location(trust.location());
		return List.of(new Problem(location, ("the new trust material of bundle '%s' in '%s' removes every "
				+ "certificate trusted before %s: peers whose certificates chain only to those are refused from "
				+ "the next handshake on")
			.formatted(material.getBundleName(), location, describe(removed))));
	}

	private static List<String> describe(List<CertificateInfo> certificates) {
		return certificates.stream().map(CertificateInfo::describe).toList();
	}

}
