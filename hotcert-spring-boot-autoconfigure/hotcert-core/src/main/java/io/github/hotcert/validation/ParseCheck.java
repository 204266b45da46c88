package io.github.hotcert.validation;

import java.security.cert.X509Certificate;
import java.util.List;

import io.github.hotcert.source.KeyMaterial;
import io.github.hotcert.source.LoadedMaterial;

/**
 * Checks what parsing alone does not: that the leaf certificate comes first in its file.
 * Content that cannot be read or parsed at all never gets this far: it is rejected with
 * the {@link Check#PARSE parse} reason when it is loaded.
 */
public class ParseCheck implements MaterialCheck {

	@Override
	public Check getCheck() {
		return Check.PARSE;
	}

	@Override
	public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		KeyMaterial key = material.getKey();
		if (key == null || key.chain().size() < 2) {
			return List.of();
		}
		X509Certificate first = key.chain().get(0);
		if (!isCertificateAuthority(first)) {
			return List.of();
		}
		for (int i = 1; i < key.chain().size(); i++) {
			X509Certificate candidate = key.chain().get(i);
			if (!isCertificateAuthority(candidate)) {
				String location = Describe.location(key.certificateLocation());
				return List.of(new Problem(location,
						"the leaf certificate is not first in '%s': %s comes first, %s is at position %d"
							.formatted(location, Describe.certificate(first), Describe.certificate(candidate), i + 1)));
			}
		}
		return List.of();
	}

	private static boolean isCertificateAuthority(X509Certificate certificate) {
		return certificate.getBasicConstraints() >= 0;
	}

}
