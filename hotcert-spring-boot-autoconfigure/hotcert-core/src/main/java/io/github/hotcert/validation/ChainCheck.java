package io.github.hotcert.validation;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

import io.github.hotcert.source.KeyMaterial;
import io.github.hotcert.source.LoadedMaterial;

/**
 * Checks that each certificate of the chain is issued and signed by the next one in the
 * file.
 */
public class ChainCheck implements MaterialCheck {

	@Override
	public Check getCheck() {
		return Check.CHAIN;
	}

	@Override
	public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		KeyMaterial key = material.getKey();
		if (key == null) {
			return List.of();
		}
		List<X509Certificate> chain = key.chain();
		String location = Describe.location(key.certificateLocation());
		for (int i = 0; i + 1 < chain.size(); i++) {
			X509Certificate certificate = chain.get(i);
			X509Certificate issuer = chain.get(i + 1);
			if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
				return List.of(new Problem(location,
						"%s in '%s' is issued by '%s', not by the next certificate in the file, %s".formatted(
								Describe.certificate(certificate), location,
								certificate.getIssuerX500Principal().getName(), Describe.certificate(issuer))));
			}
			try {
				certificate.verify(issuer.getPublicKey());
			}
			catch (GeneralSecurityException ex) {
				return List.of(new Problem(location, "%s in '%s' is not signed by the next certificate in the file, %s"
					.formatted(Describe.certificate(certificate), location, Describe.certificate(issuer))));
			}
		}
		return List.of();
	}

}
