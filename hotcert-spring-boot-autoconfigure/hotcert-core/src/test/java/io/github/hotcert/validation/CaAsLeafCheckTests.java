package io.github.hotcert.validation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestMaterial;
import io.github.hotcert.validation.MaterialCheck.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CaAsLeafCheck}.
 */
class CaAsLeafCheckTests {

	private static final TestCertificates certificates = new TestCertificates(
			Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

	private static final Issued root = certificates.authority("Root CA");

	private final CaAsLeafCheck check = new CaAsLeafCheck();

	@TempDir
	Path directory;

	@Test
	void isTheCaAsLeafCheck() {
		assertThat(this.check.getCheck()).isEqualTo(Check.CA_AS_LEAF);
	}

	@Test
	void passesLeafThatIsNotACertificateAuthority() {
		assertThat(check(material().pem(certificates.issue(certificates.leaf("www.example.com"), root)))).isEmpty();
	}

	@Test
	void passesLeafWithoutBasicConstraints() {
		assertThat(check(material()
			.pem(certificates.issue(certificates.leaf("www.example.com").withoutBasicConstraints(), root)))).isEmpty();
	}

	@Test
	void rejectsCertificateAuthorityServedAsLeaf() {
		Issued ca = certificates.issue(certificates.leaf("www.example.com").caWithLeafExtensions(), root);
		TestMaterial material = material();
		String file = material.certificateFile().toString();
		assertThat(check(material.pem(ca))).containsExactly(new Problem(file,
				"certificate CN=www.example.com serial " + ca.serialHex() + " in '" + file
						+ "' is a CA certificate (basic constraints CA:TRUE) served as the leaf: Firefox refuses it "
						+ "(MOZILLA_PKIX_ERROR_CA_CERT_USED_AS_END_ENTITY); serve a certificate issued for the server, "
						+ "with CA:FALSE"));
	}

	@Test
	void rejectsSelfSignedCertificateAuthorityServedAlone() {
		assertThat(check(material().pem(root))).hasSize(1);
	}

	@Test
	void rejectsIntermediateServedWithoutItsLeaf() {
		Issued intermediate = certificates.intermediate(certificates.leaf("Intermediate CA"), root);
		assertThat(check(material().pem(intermediate))).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).startsWith("certificate CN=Intermediate CA"));
	}

	@Test
	void passesTrustMaterialWithoutKey() {
		assertThat(check(material().trust(List.of(root.certificate())))).isEmpty();
	}

	private List<Problem> check(LoadedMaterial material) {
		return this.check.check(material, TestValidation.SETTINGS);
	}

	private TestMaterial material() {
		return new TestMaterial(this.directory);
	}

}
