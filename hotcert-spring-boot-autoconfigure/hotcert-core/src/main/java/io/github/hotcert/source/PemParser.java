package io.github.hotcert.source;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

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
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import org.springframework.util.StringUtils;

/**
 * Parses PEM certificates and private keys with Bouncy Castle. Private keys may be PKCS#1
 * RSA, PKCS#8 (plain or encrypted), SEC1 EC, Ed25519/Ed448, or legacy OpenSSL encrypted
 * PEM ({@code Proc-Type: 4,ENCRYPTED}).
 */
final class PemParser {

	private static final String BEGIN = "-----BEGIN ";

	private static final String END = "-----END ";

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
			catch (CertificateException ex) {
				throw new PemFormatException("a certificate cannot be decoded: " + ex.getMessage(), ex);
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
			throw new PemFormatException("the private key cannot be decoded: " + rootMessage(ex), ex);
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
		checkStructure(text, content);
		List<Object> objects = new ArrayList<>();
		try (org.bouncycastle.openssl.PEMParser parser = new org.bouncycastle.openssl.PEMParser(
				new StringReader(text))) {
			Object object;
			while ((object = parser.readObject()) != null) {
				objects.add(object);
			}
		}
		catch (PEMException ex) {
			throw new PemFormatException("the PEM content is malformed: " + rootMessage(ex), ex);
		}
		catch (IOException | RuntimeException ex) {
			throw new PemFormatException("the PEM content is malformed: " + rootMessage(ex), ex);
		}
		return objects;
	}

	/**
	 * Check the block structure with Bouncy Castle's {@link PemReader}: every block must
	 * be complete and not empty, with nothing but white space after the last one. Text
	 * before a block (such as the "Bag Attributes" that OpenSSL writes) is ignored.
	 */
	private static void checkStructure(String text, MaterialContent content) {
		if (text.isBlank()) {
			throw new PemFormatException("the content is empty");
		}
		if (!text.contains(BEGIN)) {
			throw new PemFormatException(looksBinary(content.bytes())
					? "the content is not PEM (it looks like binary DER; convert it with 'openssl x509 -inform der')"
					: "the content is not PEM (no '-----BEGIN' line)");
		}
		int lastEnd = text.lastIndexOf(END);
		if (lastEnd < text.lastIndexOf(BEGIN)) {
			throw new PemFormatException(
					"the PEM content is truncated (a '-----BEGIN' line has no matching " + "'-----END' line)");
		}
		int endOfLastLine = text.indexOf("-----", lastEnd + END.length());
		String trailing = (endOfLastLine < 0) ? "" : text.substring(endOfLastLine + 5);
		if (!trailing.isBlank()) {
			throw new PemFormatException("unexpected content after the last PEM block");
		}
		try (PemReader reader = new PemReader(new StringReader(text))) {
			PemObject object;
			while ((object = reader.readPemObject()) != null) {
				if (object.getContent().length == 0) {
					throw new PemFormatException("the PEM block '%s' is empty".formatted(object.getType()));
				}
			}
		}
		catch (IOException ex) {
			throw new PemFormatException("the PEM content is malformed: " + rootMessage(ex), ex);
		}
	}

	private static boolean looksBinary(byte[] bytes) {
		return bytes.length > 1 && (bytes[0] & 0xff) == 0x30;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return (message != null) ? message : root.getClass().getSimpleName();
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
