package io.github.hotcert.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.testsupport.MutableClock;
import io.github.hotcert.testsupport.Pebble;
import io.github.hotcert.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TemporaryCertificate}.
 */
class TemporaryCertificateTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

	@Test
	void isSelfSignedForTheDomainsAndMarked() throws Exception {
		TemporaryCertificate.Generated generated = TemporaryCertificate
			.generate(List.of("example.org", "www.example.org"), AcmeKeyType.EC_P256, this.clock);
		CertificateInfo info = CertificateInfo.of(generated.certificate());
		assertThat(info.subject()).isEqualTo("O=hotcert temporary certificate,CN=example.org");
		assertThat(info.issuer()).isEqualTo(info.subject());
		assertThat(Pebble.dnsNames(generated.certificate())).containsExactly("example.org", "www.example.org");
		assertThat(info.certificateAuthority()).isFalse();
		assertThat(info.extendedKeyUsage()).containsExactly("serverAuth");
		assertThat(info.notAfter()).isEqualTo(this.clock.instant().plus(Duration.ofDays(30)));
		generated.certificate().verify(generated.keyPair().getPublic());
		assertThat(TemporaryCertificate.isTemporary(generated.certificate())).isTrue();
	}

	@Test
	void usesTheKeyTypeOfTheBundle() {
		TemporaryCertificate.Generated generated = TemporaryCertificate.generate(List.of("example.org"),
				AcmeKeyType.RSA_2048, this.clock);
		assertThat(generated.keyPair().getPublic().getAlgorithm()).isEqualTo("RSA");
	}

	@Test
	void certificatesOfACaAreNotTemporary() {
		TestCertificates certificates = new TestCertificates(this.clock);
		TestCertificates.Issued authority = certificates.authority("hotcert temporary certificate");
		assertThat(TemporaryCertificate.isTemporary(authority.certificate())).isFalse();
		assertThat(TemporaryCertificate
			.isTemporary(certificates.issue(certificates.leaf("example.org"), authority).certificate())).isFalse();
		assertThat(TemporaryCertificate.isTemporary((java.security.cert.X509Certificate) null)).isFalse();
	}

}
