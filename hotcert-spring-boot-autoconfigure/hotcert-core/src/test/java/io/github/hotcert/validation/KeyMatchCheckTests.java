package io.github.hotcert.validation;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestCertificates.KeyType;
import io.github.hotcert.testsupport.TestMaterial;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.MaterialCheck.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.ssl.SslBundleKey;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KeyMatchCheck}.
 */
class KeyMatchCheckTests {

	private static final TestCertificates certificates = new TestCertificates(
			Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

	private static final Issued authority = certificates.authority("Test CA");

	private static final Issued ec = certificates.issue(certificates.leaf("ec.example.com"), authority);

	private static final Issued otherEc = certificates.issue(certificates.leaf("other.example.com"), authority);

	private static final Issued rsa = certificates.issue(certificates.leaf("rsa.example.com").keyType(KeyType.RSA_1024),
			authority);

	private final KeyMatchCheck check = new KeyMatchCheck();

	@TempDir
	Path directory;

	@Test
	void isTheKeyMatchCheck() {
		assertThat(this.check.getCheck()).isEqualTo(Check.KEY_MATCH);
	}

	@ParameterizedTest
	@EnumSource(names = { "RSA_2048", "EC", "ED25519", "ED448" })
	void passesKeyOfTheLeafCertificate(KeyType keyType) {
		Issued issued = certificates.issue(certificates.leaf(keyType + ".example.com").keyType(keyType), authority);
		assertThat(check(material().pem(issued))).isEmpty();
	}

	@Test
	void rejectsEcKeyOfAnotherCertificate() {
		TestMaterial material = material();
		String keyFile = material.keyFile().toString();
		assertThat(check(material.pem(ec.chain(), otherEc.keyPair().getPrivate())))
			.containsExactly(new Problem(keyFile, "private key in '" + keyFile
					+ "' does not match certificate CN=ec.example.com serial " + ec.serialHex()));
	}

	@Test
	void rejectsRsaKeyOfAnotherCertificate() {
		Issued otherRsa = certificates.issue(certificates.leaf("rsa2.example.com").keyType(KeyType.RSA_1024),
				authority);
		assertThat(check(material().pem(rsa.chain(), otherRsa.keyPair().getPrivate()))).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.contains("does not match certificate " + "CN=rsa.example.com serial " + rsa.serialHex()));
	}

	@Test
	void rejectsEd25519KeyOfAnotherCertificate() {
		Issued ed = certificates.issue(certificates.leaf("ed.example.com").keyType(KeyType.ED25519), authority);
		Issued otherEd = certificates.issue(certificates.leaf("ed2.example.com").keyType(KeyType.ED25519), authority);
		assertThat(check(material().pem(ed.chain(), otherEd.keyPair().getPrivate()))).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).contains("does not match certificate"));
	}

	@Test
	void rejectsEd448KeyAgainstEd25519Certificate() {
		Issued ed25519 = certificates.issue(certificates.leaf("ed.example.com").keyType(KeyType.ED25519), authority);
		Issued ed448 = certificates.issue(certificates.leaf("ed448.example.com").keyType(KeyType.ED448), authority);
		assertThat(check(material().pem(ed25519.chain(), ed448.keyPair().getPrivate()))).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).contains("does not match certificate"));
	}

	@Test
	void rejectsEcKeyAgainstRsaCertificate() {
		TestMaterial material = material();
		String keyFile = material.keyFile().toString();
		assertThat(check(material.pem(rsa.chain(), ec.keyPair().getPrivate())))
			.containsExactly(new Problem(keyFile, "private key in '" + keyFile
					+ "' does not match certificate CN=rsa.example.com serial " + rsa.serialHex()));
	}

	@ParameterizedTest
	@CsvSource({ "JKS, EC", "PKCS12, EC", "JKS, RSA", "PKCS12, RSA" })
	void passesKeyStoreWhoseKeyMatches(String type, String keyAlgorithm) {
		Issued issued = "EC".equals(keyAlgorithm) ? ec : rsa;
		LoadedMaterial loaded = material().keyStore(type, PemFiles.keyStore(type, "server", issued, "secret", "secret"),
				"secret", SslBundleKey.NONE);
		assertThat(check(loaded)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "JKS", "PKCS12" })
	void rejectsKeyStoreWhoseKeyDoesNotMatch(String type) {
		TestMaterial material = material();
		Issued mismatched = new Issued(ec.certificate(), otherEc.keyPair(), ec.chain());
		LoadedMaterial loaded = material.keyStore(type,
				PemFiles.keyStore(type, "server", mismatched, "secret", "secret"), "secret", SslBundleKey.NONE);
		String file = material.keyStoreFile(type).toString();
		assertThat(check(loaded)).containsExactly(new Problem(file,
				"private key in '" + file + "' does not match certificate CN=ec.example.com serial " + ec.serialHex()));
	}

	@Test
	void rsaKeyOfAGeneratorHasConsistentParameters() {
		assertThat(KeyMatchCheck.isConsistent((RSAPrivateCrtKey) rsa.keyPair().getPrivate())).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "modulus", "privateExponent", "primeP", "primeQ", "primeExponentP", "primeExponentQ",
			"crtCoefficient" })
	void rsaKeyWithAnAlteredParameterIsNotConsistent(String parameter) throws Exception {
		assertThat(KeyMatchCheck.isConsistent(altered(parameter))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "primeExponentP", "primeExponentQ", "crtCoefficient" })
	void rejectsRsaKeyWithTheModulusOfTheCertificateButAnAlteredCrtParameter(String parameter) throws Exception {
		// The signature that checks it fails: the JDK finds the faulty signature, or it
		// does not verify
		assertThat(check(material().pem(rsa.chain(), altered(parameter)))).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.contains("certificate CN=rsa.example.com serial " + rsa.serialHex()));
	}

	@Test
	void passesRsaKeyWhoseOnlyAlteredParameterIsOneItsSignaturesDoNotUse() throws Exception {
		// The key signs with its CRT parameters: the comparison fails, the signature
		// passes
		assertThat(check(material().pem(rsa.chain(), altered("privateExponent")))).isEmpty();
	}

	@Test
	void passesTrustMaterialWithoutKey() {
		assertThat(check(material().trust(List.of(authority.certificate())))).isEmpty();
	}

	private List<Problem> check(LoadedMaterial material) {
		return this.check.check(material, TestValidation.SETTINGS);
	}

	private static RSAPrivateCrtKey altered(String parameter) throws Exception {
		RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.keyPair().getPrivate();
		BigInteger[] values = { key.getModulus(), key.getPrivateExponent(), key.getPrimeP(), key.getPrimeQ(),
				key.getPrimeExponentP(), key.getPrimeExponentQ(), key.getCrtCoefficient() };
		int index = List
			.of("modulus", "privateExponent", "primeP", "primeQ", "primeExponentP", "primeExponentQ", "crtCoefficient")
			.indexOf(parameter);
		values[index] = values[index].add(BigInteger.TWO);
		return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
			.generatePrivate(new RSAPrivateCrtKeySpec(values[0], key.getPublicExponent(), values[1], values[2],
					values[3], values[4], values[5], values[6]));
	}

	private TestMaterial material() {
		return new TestMaterial(this.directory);
	}

}
