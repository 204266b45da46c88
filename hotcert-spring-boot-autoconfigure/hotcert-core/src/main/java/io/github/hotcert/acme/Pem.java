package io.github.hotcert.acme;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * The PEM text of what an ACME bundle stores: certificate chains, the certificate's
 * private key (PKCS#8) and the account key pair.
 */
final class Pem {

	private Pem() {
	}

	static String certificates(List<X509Certificate> chain) {
		return write(new ArrayList<>(chain));
	}

	static String privateKey(PrivateKey key) {
		try {
			return write(List.of(new JcaPKCS8Generator(key, null).generate()));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Unable to encode a private key", ex);
		}
	}

	static String keyPair(KeyPair keyPair) {
		return privateKey(keyPair.getPrivate()) + write(List.of(keyPair.getPublic()));
	}

	static List<X509Certificate> readCertificates(String pem) throws GeneralSecurityException {
		List<X509Certificate> certificates = new ArrayList<>();
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
			Object object;
			while ((object = parser.readObject()) != null) {
				if (object instanceof X509CertificateHolder holder) {
					certificates.add(converter.getCertificate(holder));
				}
			}
		}
		catch (IOException ex) {
			throw new GeneralSecurityException("Unreadable PEM: " + ex.getMessage(), ex);
		}
		if (certificates.isEmpty()) {
			throw new GeneralSecurityException("No certificate found");
		}
		return certificates;
	}

	static KeyPair readKeyPair(String pem) throws IOException {
		JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
		PrivateKey privateKey = null;
		PublicKey publicKey = null;
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			Object object;
			while ((object = parser.readObject()) != null) {
				if (object instanceof PEMKeyPair keyPair) {
					return converter.getKeyPair(keyPair);
				}
				if (object instanceof PrivateKeyInfo info) {
					privateKey = converter.getPrivateKey(info);
				}
				else if (object instanceof SubjectPublicKeyInfo info) {
					publicKey = converter.getPublicKey(info);
				}
			}
		}
		if (privateKey == null || publicKey == null) {
			throw new IOException("No key pair found");
		}
		return new KeyPair(publicKey, privateKey);
	}

	static PrivateKey readPrivateKey(String pem) throws IOException {
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			Object object = parser.readObject();
			if (object instanceof PrivateKeyInfo info) {
				return new JcaPEMKeyConverter().getPrivateKey(info);
			}
			if (object instanceof PEMKeyPair keyPair) {
				return new JcaPEMKeyConverter().getKeyPair(keyPair).getPrivate();
			}
			throw new IOException("No private key found");
		}
	}

	private static String write(List<Object> objects) {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			for (Object object : objects) {
				writer.writeObject(object);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Unable to write PEM", ex);
		}
		return text.toString();
	}

}
