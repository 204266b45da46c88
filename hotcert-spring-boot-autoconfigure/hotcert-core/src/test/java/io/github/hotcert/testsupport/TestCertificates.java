package io.github.hotcert.testsupport;

import java.math.BigInteger;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
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
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates certificates for tests with Bouncy Castle. Every date comes from a
 * {@link Clock}, so nothing checked in ever expires.
 */
public final class TestCertificates {

	private static final SecureRandom random = new SecureRandom();

	private static final AtomicLong serials = new AtomicLong(System.nanoTime() & 0xffffffL);

	private final Clock clock;

	public TestCertificates(Clock clock) {
		this.clock = clock;
	}

	public static TestCertificates now() {
		return new TestCertificates(Clock.systemUTC());
	}

	public Clock clock() {
		return this.clock;
	}

	/**
	 * Create a self-signed certificate authority.
	 */
	public Issued authority(String commonName) {
		return authority(commonName, KeyType.EC);
	}

	public Issued authority(String commonName, KeyType keyType) {
		KeyPair keys = keyType.generate();
		Instant now = this.clock.instant();
		return build(new Spec(commonName).ca(true)
			.notBefore(now.minus(Duration.ofDays(1)))
			.notAfter(now.plus(Duration.ofDays(3650))), keys, null);
	}

	/**
	 * Start describing a certificate, valid from an hour ago for 90 days.
	 */
	public Spec leaf(String commonName) {
		Instant now = this.clock.instant();
		return new Spec(commonName).notBefore(now.minus(Duration.ofHours(1))).notAfter(now.plus(Duration.ofDays(90)));
	}

	/**
	 * Create an intermediate certificate authority issued by the given authority, valid
	 * from an hour ago for 90 days unless the spec says otherwise.
	 */
	public Issued intermediate(Spec spec, Issued issuer) {
		return issue(spec.ca(true), issuer);
	}

	public Issued issue(Spec spec, Issued issuer) {
		return build(spec, spec.keyType.generate(), issuer);
	}

	/**
	 * Issue a certificate for a given key pair, as a CA certifies the key of a signing
	 * request.
	 */
	public Issued issue(Spec spec, KeyPair keys, Issued issuer) {
		return build(spec, keys, issuer);
	}

	public Issued selfSigned(Spec spec) {
		return build(spec, spec.keyType.generate(), null);
	}

	private Issued build(Spec spec, KeyPair keys, Issued issuer) {
		try {
			X500Name subject = new X500Name("CN=" + spec.commonName);
			X500Name issuerName = (issuer != null)
					? new X500Name(issuer.certificate().getSubjectX500Principal().getName()) : subject;
			BigInteger serial = (spec.serial != null) ? spec.serial : BigInteger.valueOf(serials.incrementAndGet());
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial,
					Date.from(spec.notBefore), Date.from(spec.notAfter), subject, keys.getPublic());
			BasicConstraints basicConstraints = spec
				.basicConstraints(spec.ca ? new BasicConstraints(1) : new BasicConstraints(false));
			if (basicConstraints != null) {
				builder.addExtension(Extension.basicConstraints, true, basicConstraints);
			}
			Integer keyUsage = (spec.keyUsage != null) ? spec.keyUsage : (spec.ca
					? Integer.valueOf(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature) : null);
			if (keyUsage != null) {
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
			}
			if (!spec.ca || spec.leafExtensions) {
				if (spec.extendedKeyUsage != null) {
					builder.addExtension(Extension.extendedKeyUsage, false,
							new ExtendedKeyUsage(spec.extendedKeyUsage));
				}
				List<GeneralName> names = new ArrayList<>();
				for (String name : spec.subjectAlternativeNames) {
					if (name.startsWith("DNS:")) {
						names.add(new GeneralName(GeneralName.dNSName, name.substring(4)));
					}
					else {
						names.add(isIp(name) ? new GeneralName(GeneralName.iPAddress, name)
								: new GeneralName(GeneralName.dNSName, name));
					}
				}
				if (!names.isEmpty()) {
					builder.addExtension(Extension.subjectAlternativeName, false,
							new GeneralNames(names.toArray(GeneralName[]::new)));
				}
			}
			for (Spec.CustomExtension extension : spec.extensions) {
				builder.addExtension(extension.oid(), extension.critical(), extension.value());
			}
			PrivateKey signingKey = (issuer != null) ? issuer.keyPair().getPrivate() : keys.getPrivate();
			String algorithm = (spec.signatureAlgorithm != null) ? spec.signatureAlgorithm
					: signatureAlgorithm(signingKey);
			JcaContentSignerBuilder signer = new JcaContentSignerBuilder(algorithm);
			if (algorithm.contains("MGF1")) {
				// RSASSA-PSS by name, which only Bouncy Castle's provider signs
				signer.setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
			}
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(builder.build(signer.build(signingKey)));
			List<X509Certificate> chain = new ArrayList<>();
			chain.add(certificate);
			if (issuer != null) {
				chain.addAll(issuer.chain());
			}
			return new Issued(certificate, keys, List.copyOf(chain));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isIp(String name) {
		return name.matches("[0-9.]+") || name.contains(":");
	}

	private static String signatureAlgorithm(PrivateKey key) {
		return switch (key.getAlgorithm()) {
			case "RSA" -> "SHA256withRSA";
			case "EC" -> "SHA256withECDSA";
			case "Ed25519", "EdDSA" -> "Ed25519";
			case "Ed448" -> "Ed448";
			default -> throw new IllegalArgumentException(key.getAlgorithm());
		};
	}

	/**
	 * Key types for generated certificates.
	 */
	public enum KeyType {

		RSA_2048("RSA", 2048), RSA_1024("RSA", 1024), RSA_512("RSA", 512), RSA_3072("RSA", 3072), RSA_4096("RSA", 4096),
		EC("EC", 256), EC_P384("EC", 384), EC_P521("EC", 521), ED25519("Ed25519", 0), ED448("Ed448", 0);

		private final String algorithm;

		private final int size;

		KeyType(String algorithm, int size) {
			this.algorithm = algorithm;
			this.size = size;
		}

		public KeyPair generate() {
			try {
				KeyPairGenerator generator = KeyPairGenerator.getInstance(this.algorithm);
				if ("EC".equals(this.algorithm)) {
					generator.initialize(new ECGenParameterSpec("secp" + this.size + "r1"), random);
				}
				else if (this.size > 0) {
					generator.initialize(this.size, random);
				}
				return generator.generateKeyPair();
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * What to put in a certificate.
	 */
	public static final class Spec {

		private final String commonName;

		private Instant notBefore;

		private Instant notAfter;

		private List<String> subjectAlternativeNames = List.of("localhost", "127.0.0.1");

		private KeyType keyType = KeyType.EC;

		private boolean ca;

		private BigInteger serial;

		private KeyPurposeId[] extendedKeyUsage = { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth };

		private String signatureAlgorithm;

		private Integer keyUsage;

		private BasicConstraints basicConstraints;

		private boolean basicConstraintsSet;

		private boolean leafExtensions;

		private final List<CustomExtension> extensions = new ArrayList<>();

		Spec(String commonName) {
			this.commonName = commonName;
		}

		public Spec notBefore(Instant notBefore) {
			this.notBefore = notBefore;
			return this;
		}

		public Spec notAfter(Instant notAfter) {
			this.notAfter = notAfter;
			return this;
		}

		/**
		 * Set the subject alternative names: IP addresses for names that look like one,
		 * DNS names otherwise or when prefixed with {@code DNS:}.
		 */
		public Spec subjectAlternativeNames(String... names) {
			this.subjectAlternativeNames = List.of(names);
			return this;
		}

		public Spec keyType(KeyType keyType) {
			this.keyType = keyType;
			return this;
		}

		public Spec serial(long serial) {
			this.serial = BigInteger.valueOf(serial);
			return this;
		}

		public Spec extendedKeyUsage(KeyPurposeId... usages) {
			this.extendedKeyUsage = (usages.length == 0) ? null : usages;
			return this;
		}

		public Spec ca(boolean ca) {
			this.ca = ca;
			return this;
		}

		/**
		 * Sign the certificate with the given algorithm (for example {@code MD5withRSA}
		 * or {@code SHA1withECDSA}) instead of SHA-256 with the issuer's key.
		 */
		public Spec signatureAlgorithm(String signatureAlgorithm) {
			this.signatureAlgorithm = signatureAlgorithm;
			return this;
		}

		/**
		 * Use the given key usage bits ({@link KeyUsage} constants) instead of the
		 * default: none for a leaf, keyCertSign, cRLSign and digitalSignature for a CA.
		 */
		public Spec keyUsage(int keyUsage) {
			this.keyUsage = keyUsage;
			return this;
		}

		/**
		 * Use the given basic constraints instead of the default (CA:FALSE for a leaf,
		 * CA:TRUE with a path length of 1 for a CA).
		 * @param ca whether the certificate says it is a CA
		 * @param pathLength the path length constraint, or {@code null} for none
		 */
		public Spec basicConstraints(boolean ca, Integer pathLength) {
			this.basicConstraints = !ca ? new BasicConstraints(false)
					: (pathLength != null) ? new BasicConstraints(pathLength) : new BasicConstraints(true);
			this.basicConstraintsSet = true;
			return this;
		}

		/**
		 * Leave out the basic constraints extension.
		 */
		public Spec withoutBasicConstraints() {
			this.basicConstraints = null;
			this.basicConstraintsSet = true;
			return this;
		}

		/**
		 * Make a CA certificate (basic constraints CA:TRUE, keyCertSign) that still has
		 * the subject alternative names and extended key usage of a leaf: a CA
		 * certificate served as a server certificate.
		 */
		public Spec caWithLeafExtensions() {
			this.ca = true;
			this.leafExtensions = true;
			return this;
		}

		/**
		 * Add an extension, for example an unknown one marked critical.
		 * @param oid the object identifier of the extension
		 * @param critical whether the extension is critical
		 * @param value the value of the extension
		 */
		public Spec extension(String oid, boolean critical, ASN1Encodable value) {
			this.extensions.add(new CustomExtension(new ASN1ObjectIdentifier(oid), critical, value));
			return this;
		}

		BasicConstraints basicConstraints(BasicConstraints defaultConstraints) {
			return this.basicConstraintsSet ? this.basicConstraints : defaultConstraints;
		}

		record CustomExtension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {

		}

	}

	/**
	 * A generated certificate with its key pair and chain (leaf first, up to the root).
	 */
	public record Issued(X509Certificate certificate, KeyPair keyPair, List<X509Certificate> chain) {

		public String serialHex() {
			return this.certificate.getSerialNumber().toString(16);
		}

	}

}
