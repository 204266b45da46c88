package io.github.hotcert.acme;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;

/**
 * The type of the private key of a certificate ordered from an ACME CA.
 */
public enum AcmeKeyType {

	/**
	 * Elliptic curve P-256 (secp256r1), the key of most certificates today.
	 */
	EC_P256("EC", "secp256r1", 0),

	/**
	 * Elliptic curve P-384 (secp384r1).
	 */
	EC_P384("EC", "secp384r1", 0),

	/**
	 * RSA with a 2048-bit key, for clients without elliptic curve support.
	 */
	RSA_2048("RSA", null, 2048),

	/**
	 * RSA with a 3072-bit key.
	 */
	RSA_3072("RSA", null, 3072),

	/**
	 * RSA with a 4096-bit key.
	 */
	RSA_4096("RSA", null, 4096);

	private static final SecureRandom random = new SecureRandom();

	private final String algorithm;

	private final String curve;

	private final int size;

	AcmeKeyType(String algorithm, String curve, int size) {
		this.algorithm = algorithm;
		this.curve = curve;
		this.size = size;
	}

	/**
	 * Generate a new key pair of this type.
	 * @return the key pair
	 */
	public KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(this.algorithm);
			if (this.curve != null) {
				generator.initialize(new ECGenParameterSpec(this.curve), random);
			}
			else {
				generator.initialize(this.size, random);
			}
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Unable to generate a %s key pair".formatted(this), ex);
		}
	}

	/**
	 * Return the signature algorithm that certificates signed with this key use.
	 * @return the signature algorithm
	 */
	String signatureAlgorithm() {
		return "EC".equals(this.algorithm) ? "SHA256withECDSA" : "SHA256withRSA";
	}

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
