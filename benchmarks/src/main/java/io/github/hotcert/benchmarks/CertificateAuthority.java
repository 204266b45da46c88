package io.github.hotcert.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
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
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * A certificate authority made for one run, issuing a new server certificate for
 * {@code localhost} and {@code 127.0.0.1} for each rotation. Keys are RSA 2048, the most
 * common kind of server key: with it a TLS 1.3 handshake costs the server (an RSA
 * signature) more than the client (two RSA verifications), so that a handshake rate
 * measures the server rather than the client, which runs on the same machine.
 */
final class CertificateAuthority {

	private static final SecureRandom random = new SecureRandom();

	private final Clock clock;

	private final KeyPair keys;

	private final X500Name name;

	private final X509Certificate certificate;

	CertificateAuthority(Clock clock) {
		this.clock = clock;
		try {
			Instant now = clock.instant();
			this.keys = keyPair();
			this.name = new X500Name("CN=hotcert benchmark CA " + now.getEpochSecond());
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(this.name, serial(),
					Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), this.name,
					this.keys.getPublic())
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			this.certificate = sign(builder);
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException("Unable to create the benchmark's certificate authority", ex);
		}
	}

	X509Certificate certificate() {
		return this.certificate;
	}

	/**
	 * Return the certificate of the authority in PEM.
	 * @return the certificate in PEM
	 */
	String certificatePem() {
		try {
			return pem(List.of(this.certificate));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Unable to write the certificate of the authority", ex);
		}
	}

	/**
	 * Issue a new server certificate with a new key.
	 * @return the certificate chain and its key
	 */
	Material issue() {
		return issue(newKeyPair());
	}

	/**
	 * Issue a new server certificate for a key pair issued before: issuing many
	 * certificates at once need not generate a key for each.
	 * @param keys the key pair of the server
	 * @return the certificate chain and its key
	 */
	Material issue(KeyPair keys) {
		return material(keys, keys);
	}

	/**
	 * Generate a new key pair for server certificates.
	 * @return the key pair
	 */
	KeyPair newKeyPair() {
		try {
			return keyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Unable to generate a key", ex);
		}
	}

	/**
	 * Issue a new client certificate ({@code clientAuth}) with a new key.
	 * @return the certificate chain and its key
	 */
	Material issueClient() {
		try {
			KeyPair clientKeys = keyPair();
			return material(clientKeys, clientKeys, KeyPurposeId.id_kp_clientAuth);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Unable to generate a key", ex);
		}
	}

	/**
	 * Issue a new server certificate, paired with a private key that does not match it.
	 * @return the certificate chain and a key of another key pair
	 */
	Material issueWithMismatchedKey() {
		return material(newKeyPair(), newKeyPair());
	}

	private Material material(KeyPair certified, KeyPair written) {
		return material(certified, written, KeyPurposeId.id_kp_serverAuth);
	}

	private Material material(KeyPair certified, KeyPair written, KeyPurposeId usage) {
		try {
			Instant now = this.clock.instant();
			GeneralNames names = new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
					new GeneralName(GeneralName.iPAddress, "127.0.0.1") });
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(this.name, serial(),
					Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))),
					new X500Name("CN=localhost"), certified.getPublic())
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
				.addExtension(Extension.keyUsage, true,
						new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
				.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usage))
				.addExtension(Extension.subjectAlternativeName, false, names);
			X509Certificate server = sign(builder);
			return new Material(server.getSerialNumber(), pem(List.of(server, this.certificate)),
					pem(List.of(new JcaPKCS8Generator(written.getPrivate(), null))),
					new X509Certificate[] { server, this.certificate }, written.getPrivate());
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException("Unable to issue a certificate", ex);
		}
	}

	private X509Certificate sign(X509v3CertificateBuilder builder)
			throws OperatorCreationException, GeneralSecurityException {
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(this.keys.getPrivate())));
	}

	private static KeyPair keyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048, random);
		return generator.generateKeyPair();
	}

	private static BigInteger serial() {
		return new BigInteger(64, random).add(BigInteger.ONE);
	}

	private static String pem(List<?> objects) throws IOException {
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
		return text.toString();
	}

	/**
	 * A server certificate chain and a private key, as the files of a Kubernetes TLS
	 * Secret.
	 *
	 * @param serial the serial number of the server certificate
	 * @param certificatePem the chain: the server certificate, then the CA
	 * @param privateKeyPem the private key (PKCS#8)
	 * @param chain the chain, for key stores
	 * @param privateKey the private key, for key stores
	 */
	record Material(BigInteger serial, String certificatePem, String privateKeyPem, X509Certificate[] chain,
			PrivateKey privateKey) {

		Map<String, byte[]> files() {
			Map<String, byte[]> files = new LinkedHashMap<>();
			files.put("tls.crt", this.certificatePem.getBytes(StandardCharsets.US_ASCII));
			files.put("tls.key", this.privateKeyPem.getBytes(StandardCharsets.US_ASCII));
			return files;
		}

		/**
		 * Return the chain and key as a PKCS#12 key store, with one entry named
		 * {@code server}.
		 * @param password the password of the store and of its key
		 * @return the key store
		 */
		byte[] pkcs12(String password) {
			try {
				KeyStore store = KeyStore.getInstance("PKCS12");
				store.load(null, null);
				store.setKeyEntry("server", this.privateKey, password.toCharArray(), this.chain);
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				store.store(out, password.toCharArray());
				return out.toByteArray();
			}
			catch (GeneralSecurityException | IOException ex) {
				throw new IllegalStateException("Unable to write a key store", ex);
			}
		}

	}

}
