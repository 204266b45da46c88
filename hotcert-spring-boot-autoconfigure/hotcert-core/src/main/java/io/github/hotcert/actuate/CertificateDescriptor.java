package io.github.hotcert.actuate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.github.hotcert.source.CertificateInfo;

/**
 * Description of one certificate: what identifies it, when it expires, and what it may be
 * used for. Nothing secret.
 *
 * @param subject the subject distinguished name
 * @param issuer the issuer distinguished name
 * @param serialNumber the serial number in lower case hex
 * @param notBefore the start of the validity period
 * @param notAfter the end of the validity period
 * @param secondsUntilExpiry the seconds left until {@code notAfter}, negative once it has
 * passed
 * @param expired whether the certificate has expired
 * @param subjectAlternativeNames the subject alternative names
 * @param sha256Fingerprint the SHA-256 fingerprint of the encoded certificate
 * @param keyAlgorithm the public key algorithm
 * @param keySize the public key size in bits
 * @param keyUsage the key usages
 * @param extendedKeyUsage the extended key usages
 * @param certificateAuthority whether the certificate is a CA certificate
 */
public record CertificateDescriptor(String subject, String issuer, String serialNumber, Instant notBefore,
		Instant notAfter, long secondsUntilExpiry, boolean expired, List<String> subjectAlternativeNames,
		String sha256Fingerprint, String keyAlgorithm, int keySize, List<String> keyUsage,
		List<String> extendedKeyUsage, boolean certificateAuthority) {

	static CertificateDescriptor of(CertificateInfo certificate, Clock clock) {
		long secondsUntilExpiry = certificate.timeToExpiry(clock).getSeconds();
		return new CertificateDescriptor(certificate.subject(), certificate.issuer(), certificate.serialNumber(),
				certificate.notBefore(), certificate.notAfter(), secondsUntilExpiry, secondsUntilExpiry < 0,
				certificate.subjectAlternativeNames(), certificate.sha256Fingerprint(), certificate.keyAlgorithm(),
				certificate.keySize(), certificate.keyUsage(), certificate.extendedKeyUsage(),
				certificate.certificateAuthority());
	}

	static List<CertificateDescriptor> of(List<CertificateInfo> certificates, Clock clock) {
		return certificates.stream().map((certificate) -> of(certificate, clock)).toList();
	}

}
