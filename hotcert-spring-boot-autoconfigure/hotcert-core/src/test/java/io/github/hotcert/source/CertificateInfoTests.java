package io.github.hotcert.source;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestCertificates.KeyType;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CertificateInfo}.
 */
class CertificateInfoTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final TestCertificates certificates = new TestCertificates(clock);

	private static final Issued authority = certificates.authority("Test CA");

	private final Issued leaf = certificates.issue(certificates.leaf("www.example.com")
		.serial(0xC0FFEE)
		.subjectAlternativeNames("www.example.com", "*.example.com", "127.0.0.1", "::1"), authority);

	@Test
	void summarizesSubjectIssuerAndSerialInHex() {
		CertificateInfo info = CertificateInfo.of(this.leaf.certificate());
		assertThat(info.subject()).isEqualTo("CN=www.example.com");
		assertThat(info.issuer()).isEqualTo("CN=Test CA");
		assertThat(info.serialNumber()).isEqualTo("c0ffee");
		assertThat(info.certificateAuthority()).isFalse();
	}

	@Test
	void summarizesValidityPeriod() {
		CertificateInfo info = CertificateInfo.of(this.leaf.certificate());
		assertThat(info.notBefore()).isEqualTo(NOW.minus(Duration.ofHours(1)));
		assertThat(info.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(90)));
		assertThat(info.timeToExpiry(clock)).isEqualTo(Duration.ofDays(90));
		assertThat(info.timeToExpiry(Clock.offset(clock, Duration.ofDays(91)))).isEqualTo(Duration.ofDays(-1));
	}

	@Test
	void listsSubjectAlternativeNamesWithTheirType() {
		assertThat(CertificateInfo.of(this.leaf.certificate()).subjectAlternativeNames())
			.containsExactly("DNS:www.example.com", "DNS:*.example.com", "IP:127.0.0.1", "IP:0:0:0:0:0:0:0:1");
	}

	@Test
	void listsNoSubjectAlternativeNameWhenThereIsNone() {
		assertThat(CertificateInfo.of(authority.certificate()).subjectAlternativeNames()).isEmpty();
	}

	@Test
	void computesSha256FingerprintOfTheEncodedCertificate() throws Exception {
		String expected = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(this.leaf.certificate().getEncoded()));
		assertThat(CertificateInfo.of(this.leaf.certificate()).sha256Fingerprint()).isEqualTo(expected)
			.matches("[0-9a-f]{64}");
	}

	@Test
	void describesEcKey() {
		CertificateInfo info = CertificateInfo.of(this.leaf.certificate());
		assertThat(info.keyAlgorithm()).isEqualTo("EC");
		assertThat(info.keySize()).isEqualTo(256);
	}

	@Test
	void describesRsaKey() {
		Issued rsa = certificates.issue(certificates.leaf("rsa.example.com").keyType(KeyType.RSA_2048), authority);
		CertificateInfo info = CertificateInfo.of(rsa.certificate());
		assertThat(info.keyAlgorithm()).isEqualTo("RSA");
		assertThat(info.keySize()).isEqualTo(2048);
	}

	@Test
	void describesEdDsaKeys() {
		Issued ed25519 = certificates.issue(certificates.leaf("ed25519.example.com").keyType(KeyType.ED25519),
				authority);
		Issued ed448 = certificates.issue(certificates.leaf("ed448.example.com").keyType(KeyType.ED448), authority);
		assertThat(CertificateInfo.of(ed25519.certificate()).keyAlgorithm()).isIn("Ed25519", "EdDSA");
		assertThat(CertificateInfo.of(ed25519.certificate()).keySize()).isEqualTo(255);
		assertThat(CertificateInfo.of(ed448.certificate()).keySize()).isEqualTo(448);
	}

	@Test
	void namesKeyUsages() {
		CertificateInfo info = CertificateInfo.of(authority.certificate());
		assertThat(info.keyUsage()).containsExactly("digitalSignature", "keyCertSign", "cRLSign");
		assertThat(info.certificateAuthority()).isTrue();
		assertThat(CertificateInfo.of(this.leaf.certificate()).keyUsage()).isEmpty();
	}

	@Test
	void namesExtendedKeyUsagesAndKeepsUnknownOnesAsOids() {
		assertThat(CertificateInfo.of(this.leaf.certificate()).extendedKeyUsage()).containsExactly("serverAuth",
				"clientAuth");
		Issued other = certificates.issue(certificates.leaf("other.example.com")
			.extendedKeyUsage(KeyPurposeId.id_kp_codeSigning, KeyPurposeId.anyExtendedKeyUsage,
					KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.2.3.4"))),
				authority);
		assertThat(CertificateInfo.of(other.certificate()).extendedKeyUsage()).containsExactly("codeSigning",
				"anyExtendedKeyUsage", "1.2.3.4");
		Issued none = certificates.issue(certificates.leaf("none.example.com").extendedKeyUsage(), authority);
		assertThat(CertificateInfo.of(none.certificate()).extendedKeyUsage()).isEmpty();
	}

	@Test
	void returnsCommonNameOfSubject() {
		assertThat(CertificateInfo.of(this.leaf.certificate()).commonName()).isEqualTo("CN=www.example.com");
		assertThat(info("O=Acme,C=DE").commonName()).isEqualTo("O=Acme,C=DE");
		assertThat(info("CN=api.example.com,O=Acme,C=DE").commonName()).isEqualTo("CN=api.example.com");
		assertThat(info("not a name").commonName()).isEqualTo("not a name");
		assertThat(info("CN=a\\,b,O=Acme").commonName()).isEqualTo("CN=a\\,b");
	}

	@Test
	void commonNameValueIsTheValueOfTheFirstCnAttribute() {
		assertThat(CertificateInfo.commonNameValue("CN=web.example,O=Example,C=DE")).isEqualTo("web.example");
		assertThat(CertificateInfo.commonNameValue("C=DE,O=Example,CN=web.example")).isEqualTo("web.example");
		assertThat(CertificateInfo.commonNameValue("CN=first,OU=x,CN=second")).isEqualTo("first");
		assertThat(CertificateInfo.commonNameValue("CN=a\\,b,O=Example")).isEqualTo("a,b");
		assertThat(CertificateInfo.commonNameValue("O=Example,C=DE")).isEqualTo("O=Example,C=DE");
		assertThat(CertificateInfo.commonNameValue("not a name")).isEqualTo("not a name");
	}

	@Test
	void describesCommonNameSerialAndExpiry() {
		assertThat(CertificateInfo.of(this.leaf.certificate()).describe())
			.isEqualTo("CN=www.example.com serial c0ffee (expires 2026-05-30T12:00:00Z)");
	}

	@Test
	void summarizesChainInOrder() {
		assertThat(CertificateInfo.of(this.leaf.chain())).extracting(CertificateInfo::commonName)
			.containsExactly("CN=www.example.com", "CN=Test CA");
	}

	private static CertificateInfo info(String subject) {
		return new CertificateInfo(subject, subject, "1", NOW, NOW, List.of(), "", "EC", 256, List.of(), List.of(),
				false);
	}

}
