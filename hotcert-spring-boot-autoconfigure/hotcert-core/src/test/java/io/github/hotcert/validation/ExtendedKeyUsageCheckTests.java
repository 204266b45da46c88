package io.github.hotcert.validation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestMaterial;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.MaterialCheck.Problem;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ExtendedKeyUsageCheck}.
 */
class ExtendedKeyUsageCheckTests {

	private static final TestCertificates certificates = new TestCertificates(
			Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

	private static final Issued authority = certificates.authority("Test CA");

	private final ExtendedKeyUsageCheck check = new ExtendedKeyUsageCheck();

	@TempDir
	Path directory;

	@Test
	void isTheExtendedKeyUsageCheck() {
		assertThat(this.check.getCheck()).isEqualTo(Check.EXTENDED_KEY_USAGE);
	}

	@Test
	void passesLeafWithoutExtendedKeyUsage() {
		assertThat(check()).isEmpty();
	}

	@Test
	void passesLeafForServerAuthentication() {
		assertThat(check(KeyPurposeId.id_kp_serverAuth)).isEmpty();
	}

	@Test
	void passesLeafForServerAndClientAuthentication() {
		assertThat(check(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth)).isEmpty();
	}

	@Test
	void passesLeafForAnyExtendedKeyUsage() {
		assertThat(check(KeyPurposeId.anyExtendedKeyUsage)).isEmpty();
	}

	@Test
	void reportsLeafForClientAuthenticationOnly() {
		Issued leaf = certificates
			.issue(certificates.leaf("client.example.com").extendedKeyUsage(KeyPurposeId.id_kp_clientAuth), authority);
		TestMaterial material = material();
		String file = material.certificateFile().toString();
		assertThat(this.check.check(material.pem(leaf), TestValidation.SETTINGS)).containsExactly(new Problem(file,
				"certificate CN=client.example.com serial " + leaf.serialHex() + " in '" + file
						+ "' has an extended key usage without serverAuth [1.3.6.1.5.5.7.3.2]: TLS clients will "
						+ "refuse it as a server certificate"));
	}

	@Test
	void reportsLeafForCodeSigningAndEmail() {
		assertThat(check(KeyPurposeId.id_kp_codeSigning, KeyPurposeId.id_kp_emailProtection)).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.contains("without serverAuth [1.3.6.1.5.5.7.3.3, 1.3.6.1.5.5.7.3.4]"));
	}

	@Test
	void passesClientCertificateForClientAuthenticationOnly() {
		assertThat(check(TestValidation.CLIENT, KeyPurposeId.id_kp_clientAuth)).isEmpty();
		assertThat(check(TestValidation.CLIENT)).isEmpty();
		assertThat(check(TestValidation.CLIENT, KeyPurposeId.anyExtendedKeyUsage)).isEmpty();
	}

	@Test
	void reportsClientCertificateForServerAuthenticationOnly() {
		Issued leaf = certificates
			.issue(certificates.leaf("client.example.com").extendedKeyUsage(KeyPurposeId.id_kp_serverAuth), authority);
		TestMaterial material = material();
		String file = material.certificateFile().toString();
		assertThat(this.check.check(material.pem(leaf), TestValidation.CLIENT)).containsExactly(new Problem(file,
				"certificate CN=client.example.com serial " + leaf.serialHex() + " in '" + file
						+ "' has an extended key usage without clientAuth [1.3.6.1.5.5.7.3.1]: TLS servers will "
						+ "refuse it as a client certificate"));
	}

	@Test
	void passesTrustMaterialWithoutKey() {
		assertThat(this.check.check(material().trust(List.of(authority.certificate())), TestValidation.SETTINGS))
			.isEmpty();
	}

	private List<Problem> check(KeyPurposeId... usages) {
		return check(TestValidation.SETTINGS, usages);
	}

	private List<Problem> check(ValidationSettings settings, KeyPurposeId... usages) {
		Issued leaf = certificates.issue(certificates.leaf("www.example.com").extendedKeyUsage(usages), authority);
		LoadedMaterial material = material().pem(leaf);
		return this.check.check(material, settings);
	}

	private TestMaterial material() {
		return new TestMaterial(this.directory);
	}

}
