package io.github.hotcert.validation;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.github.hotcert.source.KeyMaterial;
import io.github.hotcert.source.LoadedMaterial;

/**
 * Checks that the key usage of the leaf certificate, when it has one, allows a TLS server
 * to use its key: every TLS 1.3 handshake and every TLS 1.2 handshake with forward
 * secrecy (ECDHE, DHE) signs with it, which needs {@code digitalSignature}; an RSA key
 * with only {@code keyEncipherment} can only serve the legacy RSA key exchange of TLS
 * 1.2, which JDK 24 and later disable and which TLS 1.3 does not have. The JDK's and
 * Chrome's TLS clients refuse a certificate whose key usage does not fit the handshake. A
 * client certificate always signs the handshake (its CertificateVerify): it needs
 * {@code digitalSignature}, whatever its key type.
 */
class KeyUsageCheck implements MaterialCheck {

	private static final String[] NAMES = { "digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
			"keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly" };

	private static final int DIGITAL_SIGNATURE = 0;

	private static final int KEY_ENCIPHERMENT = 2;

	@Override
	public Check getCheck() {
		return Check.KEY_USAGE;
	}

	@Override
	public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		KeyMaterial key = material.getKey();
		if (key == null) {
			return List.of();
		}
		X509Certificate leaf = key.leaf();
		boolean[] usage = leaf.getKeyUsage();
		if (usage == null || has(usage, DIGITAL_SIGNATURE)) {
			return List.of();
		}
		String location = Describe.location(key.certificateLocation());
		if (!settings.isServer()) {
			return List.of(new Problem(location, ("%s in '%s' has a key usage %s that forbids TLS client use: a TLS "
					+ "client signs the handshake with its key, which needs digitalSignature, and TLS servers refuse "
					+ "the certificate")
				.formatted(Describe.certificate(leaf), location, names(usage))));
		}
		String algorithm = leaf.getPublicKey().getAlgorithm();
		boolean rsa = algorithm.startsWith("RSA");
		String why = (rsa && has(usage, KEY_ENCIPHERMENT))
				? "it allows only the legacy RSA key exchange of TLS 1.2 (keyEncipherment): TLS 1.3 and ECDHE "
						+ "handshakes need digitalSignature, and JDK and Chrome clients refuse the certificate there"
				: "a TLS server needs digitalSignature" + (rsa ? " (or keyEncipherment for RSA key exchange)" : "")
						+ " to use a " + algorithm + " key: TLS clients refuse the certificate";
		return List.of(new Problem(location, "%s in '%s' has a key usage %s that forbids TLS server use: %s"
			.formatted(Describe.certificate(leaf), location, names(usage), why)));
	}

	private static boolean has(boolean[] usage, int bit) {
		return usage.length > bit && usage[bit];
	}

	private static List<String> names(boolean[] usage) {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < usage.length && i < NAMES.length; i++) {
			if (usage[i]) {
				names.add(NAMES[i]);
			}
		}
		return names;
	}

}
