package io.github.hotcert.validation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestMaterial;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.MaterialCheck.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.SslBundleKey;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ParseCheck}.
 */
class ParseCheckTests {

	private static final TestCertificates certificates = new TestCertificates(
			Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

	private static final Issued root = certificates.authority("Root CA");

	private static final Issued intermediate = certificates.intermediate(certificates.leaf("Intermediate CA"), root);

	private static final Issued leaf = certificates.issue(certificates.leaf("www.example.com"), intermediate);

	private final ParseCheck check = new ParseCheck();

	@TempDir
	Path directory;

	@Test
	void isTheParseCheck() {
		assertThat(this.check.getCheck()).isEqualTo(Check.PARSE);
	}

	@Test
	void passesChainWithTheLeafFirst() {
		assertThat(check(material().pem(leaf))).isEmpty();
	}

	@Test
	void passesSingleCertificate() {
		assertThat(check(material().pem(List.of(leaf.certificate()), leaf.keyPair().getPrivate()))).isEmpty();
	}

	@Test
	void rejectsLeafAfterItsIssuer() {
		TestMaterial material = material();
		List<Problem> problems = check(
				material.pemInJks(List.of(intermediate.certificate(), leaf.certificate(), root.certificate()),
						leaf.keyPair().getPrivate()));
		String file = material.certificateFile().toString();
		assertThat(problems).containsExactly(new Problem(file,
				"the leaf certificate is not first in '" + file + "': certificate CN=Intermediate CA serial "
						+ intermediate.serialHex() + " comes first, certificate CN=www.example.com serial "
						+ leaf.serialHex() + " is at position 2"));
	}

	@Test
	void rejectsLeafAfterItsIssuerInKeyStore() {
		TestMaterial material = material();
		Issued reversed = new Issued(leaf.certificate(), leaf.keyPair(),
				List.of(root.certificate(), intermediate.certificate(), leaf.certificate()));
		LoadedMaterial loaded = material.keyStore("JKS",
				PemFiles.keyStore("JKS", "server", reversed, "secret", "secret"), "secret", SslBundleKey.NONE);
		String file = material.keyStoreFile("JKS").toString();
		assertThat(check(loaded)).singleElement().satisfies((problem) -> {
			assertThat(problem.location()).isEqualTo(file);
			assertThat(problem.message()).startsWith("the leaf certificate is not first in '" + file + "': ")
				.endsWith(" is at position 3");
		});
	}

	@Test
	void passesChainOfAuthoritiesOnly() {
		assertThat(check(material().pem(intermediate))).isEmpty();
	}

	@Test
	void passesTrustMaterialWithoutKey() {
		assertThat(check(material().trust(List.of(root.certificate(), intermediate.certificate())))).isEmpty();
	}

	private List<Problem> check(LoadedMaterial material) {
		return this.check.check(material, TestValidation.SETTINGS);
	}

	private TestMaterial material() {
		return new TestMaterial(this.directory);
	}

}
