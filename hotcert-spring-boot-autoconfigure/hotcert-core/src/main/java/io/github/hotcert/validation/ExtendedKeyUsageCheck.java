package io.github.hotcert.validation;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;

import io.github.hotcert.source.KeyMaterial;
import io.github.hotcert.source.LoadedMaterial;

/**
 * Checks that the leaf certificate may be used in the bundle's role: when it has an
 * extended key usage extension, the extension must allow {@code serverAuth} for a server
 * bundle, {@code clientAuth} for any other (or any extended key usage).
 */
class ExtendedKeyUsageCheck implements MaterialCheck {

	private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

	private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

	private static final String ANY = "2.5.29.37.0";

	@Override
	public Check getCheck() {
		return Check.EXTENDED_KEY_USAGE;
	}

	@Override
	public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		KeyMaterial key = material.getKey();
		if (key == null) {
			return List.of();
		}
		X509Certificate leaf = key.leaf();
		String location = Describe.location(key.certificateLocation());
		boolean server = settings.isServer();
		try {
			List<String> usages = leaf.getExtendedKeyUsage();
			if (usages == null || usages.contains(server ? SERVER_AUTH : CLIENT_AUTH) || usages.contains(ANY)) {
				return List.of();
			}
			String why = server ? "without serverAuth %s: TLS clients will refuse it as a server certificate"
					: "without clientAuth %s: TLS servers will refuse it as a client certificate";
			return List.of(new Problem(location, "%s in '%s' has an extended key usage %s"
				.formatted(Describe.certificate(leaf), location, why.formatted(usages))));
		}
		catch (CertificateParsingException ex) {
			return List.of(new Problem(location, "the extended key usage of %s in '%s' cannot be read: %s"
				.formatted(Describe.certificate(leaf), location, ex.getMessage())));
		}
	}

}
