package io.github.hotcert.validation;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestCertificates.KeyType;
import io.github.hotcert.testsupport.TestCertificates.Spec;
import io.github.hotcert.testsupport.TestMaterial;
import io.github.hotcert.validation.MaterialCheck.Problem;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PathCheck}.
 */
class PathCheckTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final TestCertificates certificates = new TestCertificates(clock);

	private static final Issued root = certificates.authority("Root CA");

	private static final Issued intermediate = certificates.intermediate(certificates.leaf("Intermediate CA"), root);

	private static final Issued rsaRoot = certificates.authority("RSA Root CA", KeyType.RSA_2048);

	private static final String UNKNOWN = "1.3.6.1.4.1.55555.1";

	@TempDir
	Path directory;

	@Test
	void isOneOfTheReasonsOfPathValidation() {
		assertThat(new PathCheck(Check.SIGNATURE_ALGORITHM, clock).getCheck()).isEqualTo(Check.SIGNATURE_ALGORITHM);
		assertThatIllegalArgumentException().isThrownBy(() -> new PathCheck(Check.DATES, clock));
	}

	@Test
	void passesChainUpToItsRoot() {
		Issued leaf = issue(leaf(), intermediate);
		assertThat(leaf.chain()).hasSize(3);
		assertNoProblems(material().pem(leaf));
	}

	@Test
	void passesChainWithoutItsRoot() {
		Issued leaf = issue(leaf(), intermediate);
		assertNoProblems(material().pem(List.of(leaf.certificate(), intermediate.certificate()), key(leaf)));
	}

	@Test
	void passesLeafAloneIssuedByACertificateNotInTheBundle() {
		Issued leaf = issue(leaf(), intermediate);
		assertNoProblems(material().pem(List.of(leaf.certificate()), key(leaf)));
	}

	@Test
	void passesSelfSignedLeaf() {
		assertNoProblems(material().pem(certificates.selfSigned(leaf())));
	}

	@Test
	void passesLeafWhoseKnownExtensionsAreCritical() {
		Issued leaf = issue(leaf().keyUsage(KeyUsage.digitalSignature), intermediate);
		assertThat(leaf.certificate().getCriticalExtensionOIDs()).contains("2.5.29.15", "2.5.29.19");
		assertNoProblems(material().pem(leaf));
	}

	@Test
	void rejectsMd5SignedLeafForSignatureAlgorithmOnly() {
		Issued leaf = issue(leaf().signatureAlgorithm("MD5withRSA"), rsaRoot);
		LoadedMaterial material = material().pem(leaf);
		assertThat(problems(Check.SIGNATURE_ALGORITHM, material)).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.isEqualTo("certificate CN=www.example.com serial " + leaf.serialHex() + " in '" + certificateFile()
						+ "' is signed with MD5withRSA: MD5 and SHA-1 signatures can be forged, "
						+ "and TLS clients refuse them"));
		assertThat(problems(Check.PATH, material)).isEmpty();
	}

	@Test
	void rejectsSha1SignedLeafThatTheJdkAccepts() {
		Issued leaf = issue(leaf().signatureAlgorithm("SHA1withECDSA"), root);
		assertThat(messages(Check.SIGNATURE_ALGORITHM, material().pem(leaf))).singleElement()
			.asString()
			.contains("is signed with SHA1withECDSA");
	}

	@Test
	void rejectsSha1SignedIntermediate() {
		Issued sha1Intermediate = certificates
			.intermediate(certificates.leaf("SHA-1 Intermediate").signatureAlgorithm("SHA1withECDSA"), root);
		Issued leaf = issue(leaf(), sha1Intermediate);
		assertThat(messages(Check.SIGNATURE_ALGORITHM, material().pem(leaf))).singleElement()
			.asString()
			.startsWith("certificate CN=SHA-1 Intermediate serial " + sha1Intermediate.serialHex());
	}

	@Test
	void rejectsMd5SignedLeafAloneWithoutItsIssuer() {
		Issued leaf = issue(leaf().signatureAlgorithm("MD5withRSA"), rsaRoot);
		assertThat(messages(Check.SIGNATURE_ALGORITHM, material().pem(List.of(leaf.certificate()), key(leaf))))
			.hasSize(1);
	}

	@Test
	void passesSha1SignedRootThatNoClientVerifies() {
		Issued sha1Root = certificates.selfSigned(certificates.leaf("SHA-1 Root")
			.signatureAlgorithm("SHA1withECDSA")
			.basicConstraints(true, null)
			.keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		Issued leaf = issue(leaf(), sha1Root);
		assertNoProblems(material().pem(leaf));
	}

	@Test
	void rejectsLeafWithUnknownCriticalExtension() {
		Issued leaf = issue(leaf().extension(UNKNOWN, true, DERNull.INSTANCE), intermediate);
		assertThat(messages(Check.CRITICAL_EXTENSION, material().pem(leaf))).containsExactly(
				"certificate " + "CN=www.example.com serial " + leaf.serialHex() + " in '" + certificateFile()
						+ "' has critical extensions that the JDK's path validation does not recognize [" + UNKNOWN
						+ "]: TLS clients refuse a certificate with a critical extension they do not know");
	}

	@Test
	void rejectsUnknownCriticalExtensionOfLeafAlone() {
		Issued leaf = issue(leaf().extension(UNKNOWN, true, DERNull.INSTANCE), intermediate);
		assertThat(messages(Check.CRITICAL_EXTENSION, material().pem(List.of(leaf.certificate()), key(leaf))))
			.hasSize(1);
	}

	@Test
	void rejectsUnknownCriticalExtensionOfSelfSignedLeaf() {
		Issued leaf = certificates.selfSigned(leaf().extension(UNKNOWN, true, DERNull.INSTANCE));
		assertThat(messages(Check.CRITICAL_EXTENSION, material().pem(leaf))).hasSize(1);
	}

	@Test
	void rejectsIntermediateWithUnknownCriticalExtension() {
		Issued odd = certificates
			.intermediate(certificates.leaf("Odd Intermediate").extension(UNKNOWN, true, DERNull.INSTANCE), root);
		Issued leaf = issue(leaf(), odd);
		assertThat(messages(Check.CRITICAL_EXTENSION, material().pem(leaf))).singleElement()
			.asString()
			.startsWith("certificate CN=Odd Intermediate serial");
	}

	@Test
	void passesUnknownExtensionThatIsNotCritical() {
		assertNoProblems(material().pem(issue(leaf().extension(UNKNOWN, false, DERNull.INSTANCE), intermediate)));
	}

	@Test
	void rejectsIssuerThatIsNotACertificateAuthority() {
		Issued notCa = certificates.issue(certificates.leaf("Not a CA"), root);
		Issued leaf = issue(leaf(), notCa);
		assertThat(messages(Check.BASIC_CONSTRAINTS, material().pem(leaf))).singleElement()
			.asString()
			.isEqualTo("the JDK's path validation of the chain in '" + certificateFile()
					+ "' fails at certificate CN=Not a CA serial " + notCa.serialHex()
					+ ": basic constraints check failed: this is not a CA certificate (validated up to the "
					+ "self-signed root certificate CN=Root CA serial " + root.serialHex() + ")");
	}

	@Test
	void rejectsIssuerWithoutKeyCertSign() {
		Issued signingOnly = certificates
			.intermediate(certificates.leaf("Signing Only CA").keyUsage(KeyUsage.digitalSignature), root);
		Issued leaf = issue(leaf(), signingOnly);
		assertThat(messages(Check.BASIC_CONSTRAINTS, material().pem(leaf))).singleElement()
			.asString()
			.contains("fails at certificate CN=Signing Only CA")
			.contains("keyCertSign bit is not set");
	}

	@Test
	void rejectsIntermediateBeyondThePathLengthOfItsIssuer() {
		Issued noSubordinates = certificates
			.intermediate(certificates.leaf("Path Length 0 CA").basicConstraints(true, 0), root);
		Issued subordinate = certificates.intermediate(certificates.leaf("Subordinate CA"), noSubordinates);
		Issued leaf = issue(leaf(), subordinate);
		assertThat(messages(Check.BASIC_CONSTRAINTS, material().pem(leaf))).singleElement()
			.asString()
			.contains("fails at certificate CN=Subordinate CA")
			.contains("pathLenConstraint violated");
	}

	@Test
	void rejectsLastCertificateOfChainWithoutRootThatIsNotACertificateAuthority() {
		Issued notCa = certificates.issue(certificates.leaf("Not a CA"), root);
		Issued leaf = issue(leaf(), notCa);
		assertThat(messages(Check.BASIC_CONSTRAINTS,
				material().pem(List.of(leaf.certificate(), notCa.certificate()), key(leaf))))
			.containsExactly("certificate CN=Not a CA serial " + notCa.serialHex() + " in '" + certificateFile()
					+ "' issues certificate CN=www.example.com serial " + leaf.serialHex()
					+ " but is not a CA certificate (its basic constraints do not say CA:TRUE)");
	}

	@Test
	void rejectsRootWithoutBasicConstraints() {
		Issued bareRoot = certificates
			.selfSigned(certificates.leaf("Bare Root").withoutBasicConstraints().keyUsage(KeyUsage.keyCertSign));
		Issued leaf = issue(leaf(), bareRoot);
		assertThat(messages(Check.BASIC_CONSTRAINTS, material().pem(leaf))).singleElement()
			.asString()
			.contains("is not a CA certificate");
	}

	@Test
	void rejectsIntermediateWithAKeyThatTheJdkRefusesForPath() {
		Issued weak = certificates.intermediate(certificates.leaf("Weak Intermediate").keyType(KeyType.RSA_512),
				rsaRoot);
		Issued leaf = issue(leaf(), weak);
		LoadedMaterial material = material().pem(leaf);
		assertThat(messages(Check.PATH, material)).singleElement()
			.asString()
			.contains("fails at certificate CN=Weak Intermediate")
			.contains("512");
		assertThat(messages(Check.SIGNATURE_ALGORITHM, material)).isEmpty();
	}

	@Test
	void saysWhenTheChainHasNoRoot() {
		Issued weak = issue(leaf().keyType(KeyType.RSA_512), intermediate);
		assertThat(messages(Check.PATH,
				material().pem(List.of(weak.certificate(), intermediate.certificate()), key(weak))))
			.singleElement()
			.asString()
			.contains("up to certificate CN=Intermediate CA serial " + intermediate.serialHex()
					+ ", the last certificate of the chain, taken as trusted because the chain has no root");
	}

	@Test
	void anchorsOnTheTrustStoreWhenItHoldsTheIssuerOfTheChain() {
		Issued weak = issue(leaf().keyType(KeyType.RSA_512), intermediate);
		TestMaterial material = material();
		LoadedMaterial loaded = material.pem(List.of(weak.certificate(), intermediate.certificate()), key(weak),
				List.of(root.certificate()));
		assertThat(messages(Check.PATH, loaded)).singleElement()
			.asString()
			.contains("up to certificate CN=Root CA serial " + root.serialHex() + " of the trust store '");
	}

	@Test
	void leavesExpiryToTheDatesCheckAndGoesOnBelowTheExpiredCertificate() {
		Issued expired = certificates.intermediate(certificates.leaf("Expired Intermediate")
			.notBefore(NOW.minus(Duration.ofDays(30)))
			.notAfter(NOW.minus(Duration.ofDays(1))), root);
		Issued leaf = issue(leaf().extension(UNKNOWN, true, DERNull.INSTANCE), expired);
		LoadedMaterial material = material().pem(leaf);
		assertThat(messages(Check.PATH, material)).isEmpty();
		assertThat(messages(Check.CRITICAL_EXTENSION, material)).singleElement()
			.asString()
			.startsWith("certificate CN=www.example.com");
	}

	@Test
	void leavesABrokenLinkToTheChainCheck() {
		Issued impostor = certificates.authority("Intermediate CA");
		Issued leaf = issue(leaf(), intermediate);
		assertNoProblems(material().pemInJks(List.of(leaf.certificate(), impostor.certificate()), key(leaf)));
	}

	@Test
	void passesTrustMaterialWithoutKey() {
		assertNoProblems(material().trust(List.of(root.certificate())));
	}

	@Test
	void recognizesTheCriticalExtensionsThatTheJdkProcesses() {
		Issued leaf = issue(leaf().extendedKeyUsage(KeyPurposeId.id_kp_serverAuth), intermediate);
		assertThat(PathValidation.RECOGNIZED_CRITICAL_EXTENSIONS).contains("2.5.29.15", "2.5.29.19", "2.5.29.37",
				"2.5.29.17");
		assertNoProblems(material().pem(leaf));
	}

	private void assertNoProblems(LoadedMaterial material) {
		for (Check check : List.of(Check.SIGNATURE_ALGORITHM, Check.CRITICAL_EXTENSION, Check.BASIC_CONSTRAINTS,
				Check.PATH)) {
			assertThat(problems(check, material)).as(check.id()).isEmpty();
		}
	}

	private List<Problem> problems(Check check, LoadedMaterial material) {
		return new PathCheck(check, clock).check(material, TestValidation.SETTINGS);
	}

	private List<String> messages(Check check, LoadedMaterial material) {
		List<Problem> problems = problems(check, material);
		problems.forEach((problem) -> assertThat(problem.location()).isEqualTo(certificateFile()));
		return problems.stream().map(Problem::message).toList();
	}

	private static Spec leaf() {
		return certificates.leaf("www.example.com");
	}

	private static Issued issue(Spec spec, Issued issuer) {
		return certificates.issue(spec, issuer);
	}

	private static java.security.PrivateKey key(Issued issued) {
		return issued.keyPair().getPrivate();
	}

	private String certificateFile() {
		return this.directory.resolve("tls.crt").toString();
	}

	private TestMaterial material() {
		return new TestMaterial(this.directory);
	}

	static List<X509Certificate> chain(Issued issued) {
		return issued.chain();
	}

}
