package io.github.hotcert.source;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * A summary of one X.509 certificate: what an operator needs to identify it, and nothing
 * secret.
 *
 * @param subject the subject distinguished name (RFC 2253)
 * @param issuer the issuer distinguished name (RFC 2253)
 * @param serialNumber the serial number in lower case hex
 * @param notBefore the start of the validity period
 * @param notAfter the end of the validity period
 * @param subjectAlternativeNames the subject alternative names, such as
 * {@code DNS:example.com} or {@code IP:127.0.0.1}
 * @param sha256Fingerprint the SHA-256 fingerprint of the encoded certificate, lower case
 * hex
 * @param keyAlgorithm the public key algorithm
 * @param keySize the public key size in bits, or {@code 0} when unknown
 * @param keyUsage the key usages
 * @param extendedKeyUsage the extended key usages, by name where known
 * @param certificateAuthority whether the certificate is a CA certificate
 */
public record CertificateInfo(String subject, String issuer, String serialNumber, Instant notBefore, Instant notAfter,
		List<String> subjectAlternativeNames, String sha256Fingerprint, String keyAlgorithm, int keySize,
		List<String> keyUsage, List<String> extendedKeyUsage, boolean certificateAuthority) {

	private static final String[] KEY_USAGES = { "digitalSignature", "nonRepudiation", "keyEncipherment",
			"dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly" };

	private static final Map<String, String> EXTENDED_KEY_USAGES = Map.of("1.3.6.1.5.5.7.3.1", "serverAuth",
			"1.3.6.1.5.5.7.3.2", "clientAuth", "1.3.6.1.5.5.7.3.3", "codeSigning", "1.3.6.1.5.5.7.3.4",
			"emailProtection", "1.3.6.1.5.5.7.3.8", "timeStamping", "1.3.6.1.5.5.7.3.9", "OCSPSigning", "2.5.29.37.0",
			"anyExtendedKeyUsage");

	private static final Map<Integer, String> GENERAL_NAME_TYPES = Map.of(0, "otherName", 1, "email", 2, "DNS", 4,
			"dirName", 6, "URI", 7, "IP", 8, "registeredID");

	/**
	 * Summarize the given certificate.
	 * @param certificate the certificate
	 * @return the summary
	 */
	public static CertificateInfo of(X509Certificate certificate) {
		return new CertificateInfo(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
				certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
				serialNumber(certificate.getSerialNumber()), certificate.getNotBefore().toInstant(),
				certificate.getNotAfter().toInstant(), subjectAlternativeNames(certificate), fingerprint(certificate),
				certificate.getPublicKey().getAlgorithm(), keySize(certificate.getPublicKey()), keyUsage(certificate),
				extendedKeyUsage(certificate), certificate.getBasicConstraints() >= 0);
	}

	/**
	 * Summarize the given certificates.
	 * @param certificates the certificates
	 * @return the summaries, in the same order
	 */
	public static List<CertificateInfo> of(List<X509Certificate> certificates) {
		return certificates.stream().map(CertificateInfo::of).toList();
	}

	/**
	 * Format a serial number the way hotcert reports it.
	 * @param serialNumber the serial number
	 * @return the serial number in lower case hex
	 */
	public static String serialNumber(BigInteger serialNumber) {
		return serialNumber.toString(16);
	}

	/**
	 * Return the common name of the subject, such as {@code CN=www.example.com}, or the
	 * whole subject when it has none.
	 * @return the common name
	 */
	public String commonName() {
		String value = firstCommonName(this.subject);
		return (value != null) ? "CN=" + Rdn.escapeValue(value) : this.subject;
	}

	/**
	 * Return the time left until the certificate expires (negative once it has).
	 * @param clock the clock to use
	 * @return the time until {@link #notAfter()}
	 */
	public Duration timeToExpiry(Clock clock) {
		return Duration.between(clock.instant(), this.notAfter);
	}

	/**
	 * Return a short description for log lines: common name, serial and expiry.
	 * @return the description
	 */
	public String describe() {
		return "%s serial %s (expires %s)".formatted(commonName(), this.serialNumber, this.notAfter);
	}

	/**
	 * Return the value of the first common name of a distinguished name, such as
	 * {@code www.example.com}, or the whole name when it has none.
	 * @param distinguishedName an RFC 2253 distinguished name
	 * @return the common name
	 */
	public static String commonNameValue(String distinguishedName) {
		String value = firstCommonName(distinguishedName);
		return (value != null) ? value : distinguishedName;
	}

	private static String firstCommonName(String distinguishedName) {
		try {
			List<Rdn> rdns = new LdapName(distinguishedName).getRdns();
			// LdapName lists the relative names from the right: the first one written is
			// the last
			for (int i = rdns.size() - 1; i >= 0; i--) {
				Attribute commonName = rdns.get(i).toAttributes().get("CN");
				if (commonName != null) {
					return String.valueOf(commonName.get());
				}
			}
		}
		catch (NamingException ex) {
			// Not a distinguished name: fall back to the whole name
		}
		return null;
	}

	private static List<String> subjectAlternativeNames(X509Certificate certificate) {
		try {
			Collection<List<?>> names = certificate.getSubjectAlternativeNames();
			if (names == null) {
				return List.of();
			}
			List<String> result = new ArrayList<>();
			for (List<?> name : names) {
				Integer type = (Integer) name.get(0);
				Object value = name.get(1);
				result.add(GENERAL_NAME_TYPES.getOrDefault(type, String.valueOf(type)) + ":"
						+ ((value instanceof String text) ? text : "<binary>"));
			}
			return List.copyOf(result);
		}
		catch (CertificateParsingException ex) {
			return List.of();
		}
	}

	private static String fingerprint(X509Certificate certificate) {
		try {
			return Sha256.hex(certificate.getEncoded());
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException("Unable to compute certificate fingerprint", ex);
		}
	}

	static int keySize(PublicKey key) {
		if (key instanceof RSAPublicKey rsa) {
			return rsa.getModulus().bitLength();
		}
		if (key instanceof ECPublicKey ec) {
			return ec.getParams().getCurve().getField().getFieldSize();
		}
		if (key instanceof EdECPublicKey edec) {
			return "Ed448".equalsIgnoreCase(edec.getParams().getName()) ? 448 : 255;
		}
		if (key instanceof DSAPublicKey dsa && dsa.getParams() != null) {
			return dsa.getParams().getP().bitLength();
		}
		return 0;
	}

	private static List<String> keyUsage(X509Certificate certificate) {
		boolean[] usage = certificate.getKeyUsage();
		if (usage == null) {
			return List.of();
		}
		List<String> result = new ArrayList<>();
		for (int i = 0; i < usage.length && i < KEY_USAGES.length; i++) {
			if (usage[i]) {
				result.add(KEY_USAGES[i]);
			}
		}
		return List.copyOf(result);
	}

	private static List<String> extendedKeyUsage(X509Certificate certificate) {
		try {
			List<String> usage = certificate.getExtendedKeyUsage();
			return (usage != null) ? usage.stream().map((oid) -> EXTENDED_KEY_USAGES.getOrDefault(oid, oid)).toList()
					: List.of();
		}
		catch (CertificateParsingException ex) {
			return List.of();
		}
	}

}
