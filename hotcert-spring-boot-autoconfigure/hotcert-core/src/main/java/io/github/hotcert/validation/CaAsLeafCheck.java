package io.github.hotcert.validation;

import java.security.cert.X509Certificate;
import java.util.List;

import io.github.hotcert.source.KeyMaterial;
import io.github.hotcert.source.LoadedMaterial;

/**
 * Checks that the leaf certificate is not a CA certificate (basic constraints CA:TRUE):
 * Firefox refuses a CA certificate as a server certificate, and the CA/Browser Forum's
 * requirements forbid it. Serving an intermediate or a root instead of the leaf, or a
 * self-signed certificate made with the CA extensions of {@code openssl req -x509}, are
 * the usual causes.
 */
class CaAsLeafCheck implements MaterialCheck {

	@Override
	public Check getCheck() {
		return Check.CA_AS_LEAF;
	}

	@Override
	public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		KeyMaterial key = material.getKey();
		if (key == null || key.leaf().getBasicConstraints() < 0) {
			return List.of();
		}
		X509Certificate leaf = key.leaf();
		String location = Describe.location(key.certificateLocation());
		return List.of(new Problem(location,
				"%s in '%s' is a CA certificate (basic constraints CA:TRUE) served as the leaf: Firefox refuses it "
					.formatted(Describe.certificate(leaf), location)
						+ "(MOZILLA_PKIX_ERROR_CA_CERT_USED_AS_END_ENTITY); serve a certificate issued for the server, "
						+ "with CA:FALSE"));
	}

}
