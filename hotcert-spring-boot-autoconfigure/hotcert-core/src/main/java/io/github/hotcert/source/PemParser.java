package io.github.hotcert.source;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.StringUtils;

/**
 * Parses PEM certificates and private keys with Bouncy Castle. Private keys may be PKCS#1
 * RSA, PKCS#8 (plain or encrypted), SEC1 EC, Ed25519/Ed448, or legacy OpenSSL encrypted
 * PEM ({@code Proc-Type: 4,ENCRYPTED}).
 */
final class PemParser {

	private static final Log logger = LogFactory.getLog(PemParser.class);

	private static final Map<String, String> KEY_ALGORITHMS = Map.of("1.2.840.113549.1.1.1", "RSA",
			"1.2.840.113549.1.1.10", "RSASSA-PSS", "1.2.840.10045.2.1", "EC", "1.2.840.10040.4.1", "DSA", "1.3.101.112",
			"Ed25519", "1.3.101.113", "Ed448");

	private PemParser() {
	}

	/**
	 * Parse all certificates in the given PEM content, in file order.
	 * @param content the content
	 * @return the certificates
	 * @throws PemFormatException if the content is not a well formed list of PEM
	 * certificates
	 */
	static List<X509Certificate> parseCertificates(MaterialContent content) {
		List<Object> objects = parseObjects(content);
		List<X509Certificate> certificates = new ArrayList<>();
		JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
		for (Object object : objects) {
			if (!(object instanceof X509CertificateHolder holder)) {
				throw new PemFormatException("expected only certificates but found " + describe(object));
			}
			try {
				certificates.add(converter.getCertificate(holder));
			}
			catch (CertificateException | RuntimeException ex) {
				throw failure("certificate %d of the file cannot be decoded: it is not a valid X.509 certificate"
					.formatted(certificates.size() + 1), ex);
			}
		}
		if (certificates.isEmpty()) {
			throw new PemFormatException("no PEM certificate found");
		}
		return certificates;
	}

	/**
	 * Parse the single private key in the given PEM content.
	 * @param content the content
	 * @param password the password of an encrypted key, or {@code null}
	 * @return the private key
	 * @throws PemFormatException if the content does not hold exactly one private key
	 * that can be decoded
	 */
	static PrivateKey parsePrivateKey(MaterialContent content, String password) {
		List<Object> keys = new ArrayList<>();
		for (Object object : parseObjects(content)) {
			if (object instanceof ASN1ObjectIdentifier || object instanceof X9ECParameters) {
				continue; // "EC PARAMETERS" before an "EC PRIVATE KEY"
			}
			if (object instanceof X509CertificateHolder) {
				throw new PemFormatException("expected a private key but found a certificate");
			}
			keys.add(object);
		}
		if (keys.isEmpty()) {
			throw new PemFormatException("no PEM private key found");
		}
		if (keys.size() > 1) {
			throw new PemFormatException("expected one private key but found " + keys.size());
		}
		return toPrivateKey(keys.get(0), password);
	}

	private static PrivateKey toPrivateKey(Object object, String password) {
		PrivateKeyInfo info = decrypt(object, password);
		try {
			return new JcaPEMKeyConverter().getPrivateKey(info);
		}
		catch (PEMException | RuntimeException ex) {
			throw failure(("the private key cannot be decoded: its encoding or its parameters are invalid or not "
					+ "supported (algorithm %s)")
				.formatted(algorithm(info)), ex);
		}
	}

	private static PrivateKeyInfo decrypt(Object object, String password) {
		if (object instanceof PEMKeyPair keyPair) {
			return keyPair.getPrivateKeyInfo();
		}
		if (object instanceof PrivateKeyInfo info) {
			return info;
		}
		if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
			char[] secret = requirePassword(password);
			try {
				InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
					.setProvider(Provider.INSTANCE)
					.build(secret);
				return encrypted.decryptPrivateKeyInfo(decryptor);
			}
			catch (PKCSException | OperatorCreationException | RuntimeException ex) {
				throw new PemFormatException("the private key cannot be decrypted: the password is wrong", ex);
			}
		}
		if (object instanceof PEMEncryptedKeyPair encrypted) {
			char[] secret = requirePassword(password);
			try {
				return encrypted
					.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(Provider.INSTANCE).build(secret))
					.getPrivateKeyInfo();
			}
			catch (IOException | RuntimeException ex) {
				throw new PemFormatException("the private key cannot be decrypted: the password is wrong", ex);
			}
		}
		throw new PemFormatException("expected a private key but found " + describe(object));
	}

	private static char[] requirePassword(String password) {
		if (!StringUtils.hasLength(password)) {
			throw new PemFormatException(
					"the private key is encrypted but no password is configured (private-key-password)");
		}
		return password.toCharArray();
	}

	private static List<Object> parseObjects(MaterialContent content) {
		String text = content.text();
		List<String> blocks = PemStructure.check(text, content.bytes());
		List<Object> objects = new ArrayList<>();
		try (org.bouncycastle.openssl.PEMParser parser = new org.bouncycastle.openssl.PEMParser(
				new StringReader(text))) {
			Object object;
			while ((object = parser.readObject()) != null) {
				objects.add(object);
			}
		}
		catch (IOException | RuntimeException ex) {
			int block = objects.size();
			String type = (block < blocks.size()) ? " ('%s')".formatted(blocks.get(block)) : "";
			throw failure(("the PEM content is malformed: block %d%s cannot be decoded, its type is unknown or its "
					+ "content is corrupted")
				.formatted(block + 1, type), ex);
		}
		return objects;
	}

	/**
	 * Return the failure to report for an exception of a parser: the reason is written
	 * here, the exception's own text is only logged, at DEBUG, since it is written for
	 * the parser's developers (and can be as obscure as an index out of range).
	 */
	static PemFormatException failure(String reason, Throwable ex) {
		if (logger.isDebugEnabled()) {
			logger.debug("Parsing PEM content failed: " + reason, ex);
		}
		return new PemFormatException(reason, ex);
	}

	private static String algorithm(PrivateKeyInfo info) {
		try {
			String algorithm = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
			return KEY_ALGORITHMS.getOrDefault(algorithm, algorithm);
		}
		catch (RuntimeException ex) {
			return "unknown";
		}
	}

	private static String describe(Object object) {
		if (object instanceof X509CertificateHolder) {
			return "a certificate";
		}
		if (object instanceof PEMKeyPair || object instanceof PrivateKeyInfo
				|| object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
			return "a private key";
		}
		return "a PEM object of type " + object.getClass().getSimpleName();
	}

	/**
	 * Thrown when PEM content cannot be parsed. The message never contains key material.
	 */
	static class PemFormatException extends RuntimeException {

		PemFormatException(String message) {
			super(message);
		}

		PemFormatException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/**
	 * Bouncy Castle's provider, for decrypting keys only: created on first use because
	 * creating it takes a few hundred milliseconds that an application with unencrypted
	 * keys should not spend at startup.
	 */
	private static final class Provider {

		static final BouncyCastleProvider INSTANCE = new BouncyCastleProvider();

	}

}
