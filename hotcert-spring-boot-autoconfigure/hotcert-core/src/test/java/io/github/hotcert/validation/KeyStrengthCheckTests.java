package io.github.hotcert.validation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestCertificates.KeyType;
import io.github.hotcert.testsupport.TestMaterial;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.MaterialCheck.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KeyStrengthCheck}.
 */
class KeyStrengthCheckTests {

	private static final TestCertificates certificates = new TestCertificates(
			Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

	private static final Issued authority = certificates.authority("Test CA");

	private static final Issued rsa2048 = certificates
		.issue(certificates.leaf("rsa2048.example.com").keyType(KeyType.RSA_2048), authority);

	private final KeyStrengthCheck check = new KeyStrengthCheck();

	@TempDir
	Path directory;

	@Test
	void isTheKeyStrengthCheck() {
		assertThat(this.check.getCheck()).isEqualTo(Check.KEY_STRENGTH);
	}

	@Test
	void reportsRsa1024Key() {
		Issued leaf = certificates.issue(certificates.leaf("rsa1024.example.com").keyType(KeyType.RSA_1024), authority);
		TestMaterial material = material();
		String file = material.certificateFile().toString();
		assertThat(check(material.pem(leaf), TestValidation.SETTINGS))
			.containsExactly(new Problem(file, "certificate CN=rsa1024.example.com serial " + leaf.serialHex() + " in '"
					+ file + "' has a weak 1024-bit RSA key (at least 2048 bits expected)"));
	}

	@Test
	void passesRsa2048Key() {
		assertThat(check(material().pem(rsa2048), TestValidation.SETTINGS)).isEmpty();
	}

	@Test
	void usesTheConfiguredMinimumRsaKeySize() {
		ValidationSettings settings = new ValidationSettings(Duration.ofMinutes(5), Duration.ofHours(24), List.of(),
				3072);
		assertThat(check(material().pem(rsa2048), settings)).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.endsWith("has a weak 2048-bit RSA key (at least 3072 bits expected)"));
	}

	@Test
	void passesEc256Key() {
		assertThat(check(material().pem(certificates.issue(certificates.leaf("ec.example.com"), authority)),
				TestValidation.SETTINGS))
			.isEmpty();
	}

	@Test
	void passesEd25519Key() {
		Issued leaf = certificates.issue(certificates.leaf("ed.example.com").keyType(KeyType.ED25519), authority);
		assertThat(check(material().pem(leaf), TestValidation.SETTINGS)).isEmpty();
	}

	@Test
	void passesTrustMaterialWithoutKey() {
		assertThat(check(material().trust(List.of(authority.certificate())), TestValidation.SETTINGS)).isEmpty();
	}

	private List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		return this.check.check(material, settings);
	}

	private TestMaterial material() {
		return new TestMaterial(this.directory);
	}

}
