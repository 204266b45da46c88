package io.github.hotcert.validation;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;

import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.source.KeyMaterial;
import io.github.hotcert.source.LoadedMaterial;

/**
 * Checks that the private key belongs to the leaf certificate. An RSA key with its CRT
 * parameters (what PEM and key store files hold) does not when its modulus differs from
 * the certificate's, and does when its public exponent is the certificate's too and its
 * own parameters agree with each other. Any other key, and an RSA key with the
 * certificate's modulus that fails that comparison, is checked with a signature round
 * trip: sign random data with the private key, verify it with the certificate's public
 * key. Works for RSA, RSASSA-PSS, EC, EdDSA (Ed25519, Ed448) and DSA keys.
 */
public class KeyMatchCheck implements MaterialCheck {

	private static final SecureRandom random = new SecureRandom();

	@Override
	public Check getCheck() {
		return Check.KEY_MATCH;
	}

	@Override
	public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		KeyMaterial key = material.getKey();
		if (key == null) {
			return List.of();
		}
		CertificateInfo leaf = CertificateInfo.of(key.leaf());
		String keyLocation = key.keyLocation().describe();
		try {
			if (matches(key.privateKey(), key.leaf().getPublicKey())) {
				return List.of();
			}
			return List.of(new Problem(keyLocation, "private key in '%s' does not match certificate %s serial %s"
				.formatted(keyLocation, leaf.commonName(), leaf.serialNumber())));
		}
		catch (GeneralSecurityException ex) {
			return List.of(new Problem(keyLocation,
					"private key in '%s' cannot be checked against certificate %s serial %s: %s".formatted(keyLocation,
							leaf.commonName(), leaf.serialNumber(), ex.getMessage())));
		}
	}

	/**
	 * Return whether the private key and the public key form a pair.
	 * @param privateKey the private key
	 * @param publicKey the public key
	 * @return whether they form a pair
	 * @throws GeneralSecurityException if the algorithm is not supported
	 */
	static boolean matches(PrivateKey privateKey, PublicKey publicKey) throws GeneralSecurityException {
		String keyAlgorithm = family(privateKey.getAlgorithm());
		if (!keyAlgorithm.equals(family(publicKey.getAlgorithm()))) {
			return false;
		}
		if ("RSA".equals(keyAlgorithm) && privateKey instanceof RSAPrivateCrtKey rsaKey
				&& publicKey instanceof RSAPublicKey rsaPublicKey) {
			if (!rsaKey.getModulus().equals(rsaPublicKey.getModulus())) {
				return false;
			}
			if (rsaPublicKey.getPublicExponent().equals(rsaKey.getPublicExponent()) && isConsistent(rsaKey)) {
				return true;
			}
		}
		Signature signer = signature(keyAlgorithm);
		byte[] data = new byte[64];
		random.nextBytes(data);
		signer.initSign(privateKey);
		signer.update(data);
		byte[] signed = signer.sign();
		Signature verifier = signature(keyAlgorithm);
		verifier.initVerify(publicKey);
		verifier.update(data);
		try {
			return verifier.verify(signed);
		}
		catch (java.security.SignatureException ex) {
			return false;
		}
	}

	/**
	 * Return whether the parameters of an RSA key agree with each other: the modulus is
	 * the product of the primes, the exponents invert the public exponent modulo each
	 * prime less one, and the coefficient inverts the second prime modulo the first.
	 * These are the checks of OpenSSL's {@code RSA_check_key} but the primality tests,
	 * which cost more than the signature they replace: a modulus of two primes is their
	 * product in one way only, so primes whose product is the certificate's modulus are
	 * its primes, and the {@link HandshakeCheck handshake check} uses the key in a
	 * handshake.
	 * @param key the key
	 * @return whether its parameters agree
	 */
	static boolean isConsistent(RSAPrivateCrtKey key) {
		BigInteger n = key.getModulus();
		BigInteger e = key.getPublicExponent();
		BigInteger p = key.getPrimeP();
		BigInteger q = key.getPrimeQ();
		if (n == null || e == null || p == null || q == null || key.getPrivateExponent() == null
				|| key.getPrimeExponentP() == null || key.getPrimeExponentQ() == null || key.getCrtCoefficient() == null
				|| p.compareTo(BigInteger.ONE) <= 0 || q.compareTo(BigInteger.ONE) <= 0) {
			return false;
		}
		BigInteger pMinusOne = p.subtract(BigInteger.ONE);
		BigInteger qMinusOne = q.subtract(BigInteger.ONE);
		return n.equals(p.multiply(q)) && invertsModulo(e, key.getPrivateExponent(), pMinusOne)
				&& invertsModulo(e, key.getPrivateExponent(), qMinusOne)
				&& invertsModulo(e, key.getPrimeExponentP(), pMinusOne)
				&& invertsModulo(e, key.getPrimeExponentQ(), qMinusOne) && invertsModulo(q, key.getCrtCoefficient(), p);
	}

	private static boolean invertsModulo(BigInteger value, BigInteger inverse, BigInteger modulus) {
		return value.multiply(inverse).mod(modulus).equals(BigInteger.ONE);
	}

	private static String family(String algorithm) {
		return switch (algorithm) {
			case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
			case "ECDSA" -> "EC";
			default -> algorithm;
		};
	}

	private static Signature signature(String keyAlgorithm) throws GeneralSecurityException {
		return switch (keyAlgorithm) {
			case "RSA" -> Signature.getInstance("SHA256withRSA");
			case "RSASSA-PSS" -> {
				Signature signature = Signature.getInstance("RSASSA-PSS");
				signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
				yield signature;
			}
			case "EC" -> Signature.getInstance("SHA256withECDSA");
			case "EdDSA" -> Signature.getInstance("EdDSA");
			case "DSA" -> Signature.getInstance("SHA256withDSA");
			default -> throw new java.security.NoSuchAlgorithmException(
					"keys of algorithm '%s' are not supported".formatted(keyAlgorithm));
		};
	}

}
