package io.github.hotcert.validation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestMaterial;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.MaterialCheck.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TrustAnchorsCheck}.
 */
class TrustAnchorsCheckTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final TestCertificates certificates = new TestCertificates(Clock.fixed(NOW, ZoneOffset.UTC));

	private static final Issued root = certificates.authority("Trusted CA");

	private final TrustAnchorsCheck check = new TrustAnchorsCheck(Clock.fixed(NOW, ZoneOffset.UTC));

	@TempDir
	Path directory;

	@Test
	void isTheTrustAnchorsCheck() {
		assertThat(this.check.getCheck()).isEqualTo(Check.TRUST_ANCHORS);
	}

	@Test
	void passesATrustBundleWithACaCertificate() {
		Issued intermediate = certificates.intermediate(certificates.leaf("Intermediate CA"), root);
		assertThat(check(List.of(intermediate.certificate()))).isEmpty();
	}

	@Test
	void passesASelfSignedCertificateWithoutBasicConstraints() {
		Issued pinned = certificates.selfSigned(certificates.leaf("pinned").withoutBasicConstraints());
		assertThat(check(List.of(pinned.certificate()))).isEmpty();
	}

	@Test
	void reportsATrustBundleWithoutCaCertificate() {
		Issued leaf = certificates.issue(certificates.leaf("server"), root);
		TestMaterial material = new TestMaterial(this.directory);
		String file = material.certificateFile().getParent().resolve("ca.crt").toString();
		assertThat(this.check.check(material.trust(List.of(leaf.certificate())), TestValidation.TRUST)).singleElement()
			.satisfies((problem) -> {
				assertThat(problem.location()).isEqualTo(file);
				assertThat(problem.message()).startsWith("trust bundle 'web' has no CA certificate in '" + file
						+ "' (it trusts only [CN=server serial " + leaf.serialHex());
			});
	}

	@Test
	void reportsATrustBundleWhoseCaCertificatesAreAllExpired() {
		Issued expired = certificates.intermediate(certificates.leaf("Expired CA")
			.notBefore(NOW.minus(Duration.ofDays(400)))
			.notAfter(NOW.minus(Duration.ofDays(1))), root);
		assertThat(check(List.of(expired.certificate()))).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).contains("has no CA certificate in '")
				.contains("that is valid now ([CN=Expired CA serial " + expired.serialHex()));
	}

	@Test
	void passesATrustBundleWithOneValidCaCertificateBesideAnExpiredOne() {
		Issued expired = certificates.intermediate(certificates.leaf("Expired CA")
			.notBefore(NOW.minus(Duration.ofDays(400)))
			.notAfter(NOW.minus(Duration.ofDays(1))), root);
		assertThat(check(List.of(expired.certificate(), root.certificate()))).isEmpty();
	}

	@Test
	void leavesTheTrustMaterialOfServerAndClientBundlesAlone() {
		Issued leaf = certificates.issue(certificates.leaf("pinned client"), root);
		TestMaterial material = new TestMaterial(this.directory);
		assertThat(this.check.check(material.trust(List.of(leaf.certificate())), TestValidation.SETTINGS)).isEmpty();
		assertThat(this.check.check(material.trust(List.of(leaf.certificate())), TestValidation.CLIENT)).isEmpty();
	}

	private List<Problem> check(List<java.security.cert.X509Certificate> trusted) {
		return this.check.check(new TestMaterial(this.directory).trust(trusted), TestValidation.TRUST);
	}

}
