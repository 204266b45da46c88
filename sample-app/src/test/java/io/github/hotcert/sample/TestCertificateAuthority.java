package io.github.hotcert.sample;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority for tests that issues server certificates for {@code localhost}
 * and {@code 127.0.0.1} with Bouncy Castle, every one with a new key and serial number,
 * dated by a {@link Clock}. A client that trusts the authority trusts every certificate
 * it issues, before and after a rotation.
 */
final class TestCertificateAuthority {

	private static final SecureRandom random = new SecureRandom();

	private final Clock clock;

	private final KeyPair keys;

	private final X500Name name;

	private final X509Certificate certificate;

	/**
	 * Create an authority valid from five minutes ago for a year.
	 * @param clock the clock that dates the authority and every certificate it issues
	 */
	TestCertificateAuthority(Clock clock) {
		this.clock = clock;
		this.keys = keyPair();
		Instant now = clock.instant();
		this.name = new X500Name("CN=hotcert test CA " + now.getEpochSecond());
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(this.name, serial(),
				Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(365))), this.name,
				this.keys.getPublic());
		try {
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Unable to create the test certificate authority", ex);
		}
		this.certificate = sign(builder);
	}

	/**
	 * Return the certificate of the authority, for a client's trust store.
	 * @return the certificate
	 */
	X509Certificate certificate() {
		return this.certificate;
	}

	/**
	 * Issue a server certificate with a new key pair.
	 * @param validity how long the certificate is valid from now
	 * @return the certificate and its key, as a Kubernetes TLS Secret holds them
	 */
	TlsMaterial issue(Duration validity) {
		KeyPair serverKeys = keyPair();
		return material(serverCertificate(serverKeys, validity), serverKeys.getPrivate());
	}

	/**
	 * Issue a server certificate and pair it with the private key of another key pair, as
	 * when a Secret is updated with the key of the previous certificate.
	 * @param validity how long the certificate is valid from now
	 * @return the certificate and a private key that does not belong to it
	 */
	TlsMaterial issueWithMismatchedKey(Duration validity) {
		return material(serverCertificate(keyPair(), validity), keyPair().getPrivate());
	}

	private X509Certificate serverCertificate(KeyPair serverKeys, Duration validity) {
		Instant now = this.clock.instant();
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(this.name, serial(),
				Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)),
				new X500Name("CN=localhost"), serverKeys.getPublic());
		try {
			GeneralNames names = new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
					new GeneralName(GeneralName.iPAddress, "127.0.0.1") });
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
				.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
				.addExtension(Extension.subjectAlternativeName, false, names);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Unable to issue a test server certificate", ex);
		}
		return sign(builder);
	}

	private TlsMaterial material(X509Certificate server, PrivateKey privateKey) {
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("tls.crt", pem(List.of(server, this.certificate)));
		files.put("tls.key", pem(List.of(privateKey)));
		files.put("ca.crt", pem(List.of(this.certificate)));
		return new TlsMaterial(server, files);
	}

	private X509Certificate sign(X509v3CertificateBuilder builder) {
		try {
			return new JcaX509CertificateConverter().getCertificate(
					builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(this.keys.getPrivate())));
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Unable to sign a test certificate", ex);
		}
	}

	private static byte[] pem(List<?> objects) {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			for (Object object : objects) {
				if (object instanceof PrivateKey privateKey) {
					writer.writeObject(new JcaPKCS8Generator(privateKey, null));
				}
				else {
					writer.writeObject(object);
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Unable to write PEM", ex);
		}
		return text.toString().getBytes(StandardCharsets.US_ASCII);
	}

	private static KeyPair keyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"), random);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Unable to generate an EC key pair", ex);
		}
	}

	private static BigInteger serial() {
		return new BigInteger(64, random).add(BigInteger.ONE);
	}

	/**
	 * A server certificate and the files of a Kubernetes TLS Secret that hold it:
	 * {@code tls.crt} (the certificate, then the authority), {@code tls.key} (PKCS#8) and
	 * {@code ca.crt}.
	 *
	 * @param certificate the server certificate
	 * @param files the content of each file, by name
	 */
	record TlsMaterial(X509Certificate certificate, Map<String, byte[]> files) {

		/**
		 * Return the serial number of the certificate, as the endpoint shows it (lower
		 * case hex).
		 * @return the serial number
		 */
		String serial() {
			return this.certificate.getSerialNumber().toString(16);
		}

	}

}
