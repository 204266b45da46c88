package io.github.hotcert.development;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

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
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates a development certificate authority and a server certificate for
 * {@code localhost}, {@code 127.0.0.1} and {@code ::1} with Bouncy Castle, and writes
 * them as PEM files.
 */
public class DevelopmentCertificateGenerator {

	private static final SecureRandom random = new SecureRandom();

	private final Clock clock;

	private final Duration validity;

	/**
	 * Create a new {@link DevelopmentCertificateGenerator}.
	 * @param clock the clock that dates the certificates
	 * @param validity how long the certificates are valid
	 */
	public DevelopmentCertificateGenerator(Clock clock, Duration validity) {
		this.clock = clock;
		this.validity = validity;
	}

	/**
	 * Generate the certificates and write them.
	 * @param certificateFile where to write the server certificate chain
	 * @param privateKeyFile where to write the server private key (PKCS#8)
	 * @return the file the CA certificate was written to, next to the certificate
	 * @throws IOException if a file cannot be written
	 */
	public Path generate(Path certificateFile, Path privateKeyFile) throws IOException {
		try {
			Instant now = this.clock.instant();
			KeyPair caKeys = keyPair();
			X500Name caName = new X500Name("CN=hotcert development CA " + now.getEpochSecond());
			X509Certificate ca = caCertificate(caName, caKeys, now);
			KeyPair serverKeys = keyPair();
			X509Certificate server = serverCertificate(caName, caKeys, serverKeys, now);
			Path caFile = certificateFile.resolveSibling("ca.crt");
			write(caFile, pem(List.of(ca)), false);
			write(certificateFile, pem(List.of(server, ca)), false);
			write(privateKeyFile, pem(List.of(new JcaPKCS8Generator(serverKeys.getPrivate(), null))), true);
			return caFile;
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Unable to generate a development certificate", ex);
		}
	}

	private X509Certificate caCertificate(X500Name name, KeyPair keys, Instant now)
			throws GeneralSecurityException, OperatorCreationException, IOException {
		JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
				Date.from(now.minus(Duration.ofMinutes(5))),
				Date.from(now.plus(this.validity).plus(Duration.ofDays(1))), name, keys.getPublic())
			.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
			.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
			.addExtension(Extension.subjectKeyIdentifier, false,
					extensions.createSubjectKeyIdentifier(keys.getPublic()));
		return sign(builder, keys);
	}

	private X509Certificate serverCertificate(X500Name issuer, KeyPair issuerKeys, KeyPair keys, Instant now)
			throws GeneralSecurityException, OperatorCreationException, IOException {
		JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
		GeneralNames names = new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
				new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
				new GeneralName(GeneralName.iPAddress, InetAddress.getByName("::1").getHostAddress()) });
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(),
				Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(this.validity)),
				new X500Name("CN=localhost"), keys.getPublic())
			.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
			.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
			.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
			.addExtension(Extension.subjectAlternativeName, false, names)
			.addExtension(Extension.authorityKeyIdentifier, false,
					extensions.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
		return sign(builder, issuerKeys);
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
			throws OperatorCreationException, GeneralSecurityException {
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
	}

	private static KeyPair keyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"), random);
		return generator.generateKeyPair();
	}

	private static BigInteger serial() {
		return new BigInteger(64, random).abs().add(BigInteger.ONE);
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

	private static void write(Path file, String content, boolean secret) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
		try {
			if (secret) {
				restrict(temporary);
			}
			try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.US_ASCII,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				writer.write(content);
			}
			Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
					java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	private static void restrict(Path file) {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException | IOException ex) {
			// Not a POSIX file system
		}
	}

}
