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
import io.github.hotcert.testsupport.TestCertificates.KeyType;
import io.github.hotcert.testsupport.TestMaterial;
import io.github.hotcert.validation.MaterialCheck.Problem;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KeyUsageCheck}.
 */
class KeyUsageCheckTests {

	private static final TestCertificates certificates = new TestCertificates(
			Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

	private static final Issued root = certificates.authority("Root CA");

	private final KeyUsageCheck check = new KeyUsageCheck();

	@TempDir
	Path directory;

	@Test
	void isTheKeyUsageCheck() {
		assertThat(this.check.getCheck()).isEqualTo(Check.KEY_USAGE);
	}

	@Test
	void passesLeafWithoutKeyUsage() {
		assertThat(check(KeyType.EC, null)).isEmpty();
	}

	@Test
	void passesEcKeyWithDigitalSignature() {
		assertThat(check(KeyType.EC, KeyUsage.digitalSignature)).isEmpty();
	}

	@Test
	void passesRsaKeyWithDigitalSignatureAndKeyEncipherment() {
		assertThat(check(KeyType.RSA_2048, KeyUsage.digitalSignature | KeyUsage.keyEncipherment)).isEmpty();
	}

	@Test
	void passesRsaKeyWithDigitalSignatureOnly() {
		assertThat(check(KeyType.RSA_2048, KeyUsage.digitalSignature)).isEmpty();
	}

	@Test
	void passesEd25519KeyWithDigitalSignature() {
		assertThat(check(KeyType.ED25519, KeyUsage.digitalSignature)).isEmpty();
	}

	@Test
	void rejectsEcKeyForKeyAgreementOnly() {
		assertThat(check(KeyType.EC, KeyUsage.keyAgreement)).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.contains("has a key usage [keyAgreement] that forbids TLS server use: a TLS server needs "
						+ "digitalSignature to use a EC key"));
	}

	@Test
	void rejectsRsaKeyForKeyEnciphermentOnly() {
		assertThat(check(KeyType.RSA_2048, KeyUsage.keyEncipherment)).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.contains("has a key usage [keyEncipherment] that forbids TLS server use: it allows only the legacy "
						+ "RSA key exchange of TLS 1.2"));
	}

	@Test
	void rejectsRsaKeyForNeitherSignatureNorEncipherment() {
		assertThat(check(KeyType.RSA_2048, KeyUsage.dataEncipherment | KeyUsage.nonRepudiation)).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).contains("[nonRepudiation, dataEncipherment]")
				.contains("digitalSignature (or keyEncipherment for RSA key exchange) to use a RSA key"));
	}

	@Test
	void rejectsEd25519KeyWithoutDigitalSignature() {
		assertThat(check(KeyType.ED25519, KeyUsage.keyCertSign)).hasSize(1);
	}

	@Test
	void namesTheFileAndTheCertificate() {
		TestMaterial material = material();
		Issued leaf = certificates.issue(certificates.leaf("www.example.com").keyUsage(KeyUsage.keyAgreement), root);
		String file = material.certificateFile().toString();
		assertThat(this.check.check(material.pem(leaf), TestValidation.SETTINGS)).singleElement()
			.satisfies((problem) -> {
				assertThat(problem.location()).isEqualTo(file);
				assertThat(problem.message())
					.startsWith("certificate CN=www.example.com serial " + leaf.serialHex() + " in '" + file + "'");
			});
	}

	@Test
	void passesClientCertificateWithDigitalSignature() {
		assertThat(check(KeyType.EC, KeyUsage.digitalSignature, TestValidation.CLIENT)).isEmpty();
		assertThat(check(KeyType.RSA_2048, null, TestValidation.CLIENT)).isEmpty();
	}

	@Test
	void rejectsRsaClientCertificateForKeyEnciphermentOnly() {
		assertThat(check(KeyType.RSA_2048, KeyUsage.keyEncipherment, TestValidation.CLIENT)).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.contains("has a key usage [keyEncipherment] that forbids TLS client use: a TLS client signs the "
						+ "handshake with its key, which needs digitalSignature"));
	}

	@Test
	void passesTrustMaterialWithoutKey() {
		assertThat(this.check.check(material().trust(List.of(root.certificate())), TestValidation.SETTINGS)).isEmpty();
	}

	private List<Problem> check(KeyType keyType, Integer keyUsage) {
		return check(keyType, keyUsage, TestValidation.SETTINGS);
	}

	private List<Problem> check(KeyType keyType, Integer keyUsage, ValidationSettings settings) {
		TestCertificates.Spec spec = certificates.leaf("www.example.com").keyType(keyType);
		if (keyUsage != null) {
			spec.keyUsage(keyUsage);
		}
		LoadedMaterial material = material().pem(certificates.issue(spec, root));
		return this.check.check(material, settings);
	}

	private TestMaterial material() {
		return new TestMaterial(this.directory);
	}

}
