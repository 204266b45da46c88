package io.github.hotcert.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * Writes certificates, keys and key stores for tests, with Bouncy Castle.
 */
public final class PemFiles {

	private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

	private PemFiles() {
	}

	public static String certificates(List<X509Certificate> certificates) {
		return write(certificates.toArray());
	}

	public static String certificate(X509Certificate certificate) {
		return write(certificate);
	}

	/**
	 * PKCS#8 {@code PRIVATE KEY}.
	 */
	public static String pkcs8(PrivateKey key) {
		try {
			return write(new JcaPKCS8Generator(key, null));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The "traditional" OpenSSL form: {@code RSA PRIVATE KEY} (PKCS#1) for RSA,
	 * {@code EC PRIVATE KEY} (SEC1) for EC.
	 */
	public static String traditional(PrivateKey key) {
		if (key instanceof java.security.interfaces.ECPrivateKey) {
			try {
				return write(
						new PemObject("EC PRIVATE KEY", sec1(key).parsePrivateKey().toASN1Primitive().getEncoded()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return write(key);
	}

	/**
	 * Keep the named curve in the SEC1 structure of an EC key, as OpenSSL writes it (the
	 * JDK leaves it out).
	 */
	private static PrivateKeyInfo sec1(PrivateKey key) {
		PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
		try {
			ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
			ECPrivateKey sec1 = new ECPrivateKey(256, inner.getKey(), inner.getPublicKey(),
					info.getPrivateKeyAlgorithm().getParameters());
			return new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), sec1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * PKCS#8 {@code ENCRYPTED PRIVATE KEY}.
	 */
	public static String encryptedPkcs8(PrivateKey key, String password) {
		try {
			return write(new JcaPKCS8Generator(key,
					new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(PROVIDER)
						.setPassword(password.toCharArray())
						.build()));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Legacy OpenSSL encryption ({@code Proc-Type: 4,ENCRYPTED}) of the traditional form
	 * ({@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY} with its named curve).
	 */
	public static String legacyEncrypted(PrivateKey key, String password) {
		try {
			Object traditional = (key instanceof java.security.interfaces.ECPrivateKey) ? sec1(key) : key;
			return write(new JcaMiscPEMGenerator(traditional,
					new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(PROVIDER).build(password.toCharArray())));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static byte[] keyStore(String type, String alias, TestCertificates.Issued issued, String storePassword,
			String keyPassword) {
		try {
			KeyStore store = KeyStore.getInstance(type);
			store.load(null);
			store.setKeyEntry(alias, issued.keyPair().getPrivate(), keyPassword.toCharArray(),
					issued.chain().toArray(X509Certificate[]::new));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			store.store(out, storePassword.toCharArray());
			return out.toByteArray();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static byte[] trustStore(String type, List<X509Certificate> certificates, String storePassword) {
		try {
			KeyStore store = KeyStore.getInstance(type);
			store.load(null);
			for (int i = 0; i < certificates.size(); i++) {
				store.setCertificateEntry("ca-" + i, certificates.get(i));
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			store.store(out, storePassword.toCharArray());
			return out.toByteArray();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Write a file by writing a temporary file and renaming it over the target.
	 */
	public static void replace(Path file, String content) {
		replace(file, content.getBytes(StandardCharsets.US_ASCII));
	}

	public static void replace(Path file, byte[] content) {
		try {
			Path temporary = Files.createTempFile(file.getParent(), ".tmp-", ".part");
			Files.write(temporary, content);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Overwrite a file in place (truncate and write).
	 */
	public static void overwrite(Path file, String content) {
		try {
			Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String write(Object... objects) {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			for (Object object : objects) {
				if (object instanceof PemObjectGenerator generator) {
					writer.writeObject(generator);
				}
				else {
					writer.writeObject(object);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return text.toString();
	}

}
