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
 * Tests for {@link ChainCheck}.
 */
class ChainCheckTests {

	private static final TestCertificates certificates = new TestCertificates(
			Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

	private static final Issued root = certificates.authority("Root CA");

	private static final Issued intermediate = certificates.intermediate(certificates.leaf("Intermediate CA"), root);

	private static final Issued leaf = certificates.issue(certificates.leaf("www.example.com"), intermediate);

	private final ChainCheck check = new ChainCheck();

	@TempDir
	Path directory;

	@Test
	void isTheChainCheck() {
		assertThat(this.check.getCheck()).isEqualTo(Check.CHAIN);
	}

	@Test
	void passesChainWhereEachCertificateIsIssuedAndSignedByTheNext() {
		assertThat(leaf.chain()).hasSize(3);
		assertThat(check(material().pem(leaf))).isEmpty();
	}

	@Test
	void passesLeafWithoutIssuers() {
		assertThat(check(material().pem(List.of(leaf.certificate()), leaf.keyPair().getPrivate()))).isEmpty();
	}

	@Test
	void passesLeafWithoutTheRoot() {
		assertThat(check(
				material().pem(List.of(leaf.certificate(), intermediate.certificate()), leaf.keyPair().getPrivate())))
			.isEmpty();
	}

	@Test
	void rejectsCertificateFollowedByAnotherIssuer() {
		Issued otherIntermediate = certificates.intermediate(certificates.leaf("Other Intermediate CA"), root);
		TestMaterial material = material();
		String file = material.certificateFile().toString();
		assertThat(check(material.pemInJks(List.of(leaf.certificate(), otherIntermediate.certificate()),
				leaf.keyPair().getPrivate())))
			.containsExactly(new Problem(file,
					"certificate CN=www.example.com serial " + leaf.serialHex() + " in '" + file
							+ "' is issued by 'CN=Intermediate CA', not by the next certificate in the file, "
							+ "certificate CN=Other Intermediate CA serial " + otherIntermediate.serialHex()));
	}

	@Test
	void rejectsCertificateFollowedByIssuerOfTheRightNameButAnotherKey() {
		Issued sameNameOtherKey = certificates.intermediate(certificates.leaf("Intermediate CA"), root);
		TestMaterial material = material();
		String file = material.certificateFile().toString();
		assertThat(check(material.pem(List.of(leaf.certificate(), sameNameOtherKey.certificate(), root.certificate()),
				leaf.keyPair().getPrivate())))
			.containsExactly(new Problem(file, "certificate CN=www.example.com serial " + leaf.serialHex() + " in '"
					+ file
					+ "' is not signed by the next certificate in the file, certificate CN=Intermediate CA serial "
					+ sameNameOtherKey.serialHex()));
	}

	@Test
	void rejectsIntermediateNotSignedByTheNextCertificate() {
		Issued sameNameOtherKey = certificates.authority("Root CA");
		assertThat(check(
				material().pem(List.of(leaf.certificate(), intermediate.certificate(), sameNameOtherKey.certificate()),
						leaf.keyPair().getPrivate())))
			.singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.startsWith("certificate CN=Intermediate CA serial " + intermediate.serialHex())
				.contains("is not signed by the next certificate in the file, certificate CN=Root CA serial "
						+ sameNameOtherKey.serialHex()));
	}

	@Test
	void rejectsChainInKeyStore() {
		Issued otherIntermediate = certificates.intermediate(certificates.leaf("Other Intermediate CA"), root);
		TestMaterial material = material();
		Issued wrong = new Issued(leaf.certificate(), leaf.keyPair(),
				List.of(leaf.certificate(), otherIntermediate.certificate()));
		LoadedMaterial loaded = material.keyStore("JKS", PemFiles.keyStore("JKS", "server", wrong, "secret", "secret"),
				"secret", SslBundleKey.NONE);
		assertThat(check(loaded)).singleElement()
			.satisfies((problem) -> assertThat(problem.location()).isEqualTo(material.keyStoreFile("JKS").toString()));
	}

	@Test
	void passesTrustMaterialWithoutKey() {
		assertThat(check(material().trust(List.of(root.certificate(), leaf.certificate())))).isEmpty();
	}

	private List<Problem> check(LoadedMaterial material) {
		return this.check.check(material, TestValidation.SETTINGS);
	}

	private TestMaterial material() {
		return new TestMaterial(this.directory);
	}

}
