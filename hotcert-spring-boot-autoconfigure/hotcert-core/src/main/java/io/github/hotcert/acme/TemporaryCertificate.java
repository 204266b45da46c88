package io.github.hotcert.acme;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.github.hotcert.source.CertificateInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The self-signed certificate an ACME bundle serves until the CA issued one: for the
 * bundle's domains, with the organization {@value #ORGANIZATION} that marks it, so that
 * every report can say it is temporary.
 */
final class TemporaryCertificate {

	/**
	 * The organization of every temporary certificate.
	 */
	static final String ORGANIZATION = "hotcert temporary certificate";

	/**
	 * How long a temporary certificate is valid.
	 */
	static final Duration VALIDITY = Duration.ofDays(30);

	private static final SecureRandom random = new SecureRandom();

	private TemporaryCertificate() {
	}

	/**
	 * Generate a temporary certificate for the given domains.
	 * @param domains the domains, the first one the common name
	 * @param keyType the type of key
	 * @param clock the clock that dates it
	 * @return the certificate and its key pair
	 */
	static Generated generate(List<String> domains, AcmeKeyType keyType, Clock clock) {
		KeyPair keyPair = keyType.generate();
		X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, domains.get(0))
			.addRDN(BCStyle.O, ORGANIZATION)
			.build();
		Instant now = clock.instant();
		GeneralName[] names = domains.stream()
			.map((domain) -> new GeneralName(GeneralName.dNSName, domain))
			.toArray(GeneralName[]::new);
		try {
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
					new BigInteger(64, random).add(BigInteger.ONE), Date.from(now.minus(Duration.ofMinutes(1))),
					Date.from(now.plus(VALIDITY)), name, keyPair.getPublic())
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
				.addExtension(Extension.keyUsage, true,
						new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
				.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
				.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
			X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder
				.build(new JcaContentSignerBuilder(keyType.signatureAlgorithm()).build(keyPair.getPrivate())));
			return new Generated(certificate, keyPair);
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException("Unable to generate a temporary certificate for " + domains, ex);
		}
	}

	/**
	 * Return whether a certificate is a temporary certificate.
	 * @param certificate the certificate, or {@code null}
	 * @return whether it is one
	 */
	static boolean isTemporary(X509Certificate certificate) {
		return certificate != null && isTemporary(CertificateInfo.of(certificate));
	}

	/**
	 * Return whether a certificate is a temporary certificate.
	 * @param certificate the certificate, or {@code null}
	 * @return whether it is one
	 */
	static boolean isTemporary(CertificateInfo certificate) {
		return certificate != null && certificate.subject().equals(certificate.issuer())
				&& certificate.subject().contains("O=" + ORGANIZATION);
	}

	/**
	 * A generated certificate and its key pair.
	 *
	 * @param certificate the certificate
	 * @param keyPair the key pair
	 */
	record Generated(X509Certificate certificate, KeyPair keyPair) {

	}

}
