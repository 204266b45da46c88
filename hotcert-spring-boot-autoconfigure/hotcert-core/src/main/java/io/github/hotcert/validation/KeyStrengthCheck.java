package io.github.hotcert.validation;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

import io.github.hotcert.source.KeyMaterial;
import io.github.hotcert.source.LoadedMaterial;

/**
 * Checks that the leaf certificate's key is strong enough: RSA keys of at least the
 * configured size (hotcert.validation.min-rsa-key-size), EC keys of at least 256 bits.
 */
class KeyStrengthCheck implements MaterialCheck {

	private static final int MIN_EC_KEY_SIZE = 256;

	@Override
	public Check getCheck() {
		return Check.KEY_STRENGTH;
	}

	@Override
	public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		KeyMaterial key = material.getKey();
		if (key == null) {
			return List.of();
		}
		X509Certificate leaf = key.leaf();
		PublicKey publicKey = leaf.getPublicKey();
		String location = Describe.location(key.certificateLocation());
		if (publicKey instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < settings.minRsaKeySize()) {
			return List
				.of(new Problem(location, "%s in '%s' has a weak %d-bit RSA key (at least %d bits expected)".formatted(
						Describe.certificate(leaf), location, rsa.getModulus().bitLength(), settings.minRsaKeySize())));
		}
		if (publicKey instanceof ECPublicKey ec
				&& ec.getParams().getCurve().getField().getFieldSize() < MIN_EC_KEY_SIZE) {
			return List.of(new Problem(location,
					"%s in '%s' has a weak %d-bit EC key (at least %d bits expected)".formatted(
							Describe.certificate(leaf), location, ec.getParams().getCurve().getField().getFieldSize(),
							MIN_EC_KEY_SIZE)));
		}
		return List.of();
	}

}
