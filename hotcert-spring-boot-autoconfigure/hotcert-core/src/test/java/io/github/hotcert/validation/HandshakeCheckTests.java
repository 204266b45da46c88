package io.github.hotcert.validation;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HandshakeCheck}.
 */
class HandshakeCheckTests {

	private static final TestCertificates certificates = new TestCertificates(
			Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

	private static final Issued authority = certificates.authority("Test CA");

	private static final Issued ec = certificates.issue(certificates.leaf("www.example.com"), authority);

	private final HandshakeCheck check = new HandshakeCheck();

	@TempDir
	Path directory;

	@Test
	void isTheHandshakeCheck() {
		assertThat(this.check.getCheck()).isEqualTo(Check.HANDSHAKE);
	}

	@ParameterizedTest
	@EnumSource(names = { "RSA_2048", "EC", "ED25519" })
	void passesGoodMaterial(KeyType keyType) {
		Issued issued = certificates.issue(certificates.leaf(keyType + ".example.com").keyType(keyType), authority);
		assertThat(check(material().pem(issued))).isEmpty();
	}

	@Test
	void passesGoodMaterialOverTls12() {
		assertThat(check(material().pem(ec, SslOptions.of(null, new String[] { "TLSv1.2" }), null))).isEmpty();
	}

	@Test
	void passesCiphersTheKeyCanUse() {
		SslOptions options = SslOptions.of(new String[] { "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" },
				new String[] { "TLSv1.2" });
		assertThat(check(material().pem(ec, options, null))).isEmpty();
	}

	@Test
	void rejectsKeyOfAnotherCertificate() {
		Issued other = certificates.issue(certificates.leaf("other.example.com"), authority);
		TestMaterial material = material();
		String file = material.certificateFile().toString();
		assertThat(check(material.pem(ec.chain(), other.keyPair().getPrivate()))).singleElement()
			.satisfies((problem) -> {
				assertThat(problem.location()).isEqualTo(file);
				assertThat(problem.message()).startsWith("a TLS handshake with certificate CN=www.example.com serial "
						+ ec.serialHex() + " from '" + file + "' fails: ");
			});
	}

	@Test
	void rejectsRsa512Key() {
		Issued weak = certificates.issue(certificates.leaf("weak.example.com").keyType(KeyType.RSA_512), authority);
		assertThat(check(material().pem(weak))).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.startsWith("a TLS handshake with certificate CN=weak.example.com serial " + weak.serialHex())
				.contains(" fails: "));
	}

	@Test
	void rejectsCiphersTheKeyCannotUse() {
		SslOptions options = SslOptions.of(new String[] { "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" }, null);
		assertThat(check(material().pem(ec, options, null))).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.startsWith("a TLS handshake with certificate CN=www.example.com serial " + ec.serialHex())
				.contains(" fails: "));
	}

	@Test
	void rejectsUnknownCipher() {
		SslOptions options = SslOptions.of(new String[] { "TLS_NO_SUCH_CIPHER" }, null);
		assertThat(check(material().pem(ec, options, null))).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).contains(" fails: ").contains("TLS_NO_SUCH_CIPHER"));
	}

	@Test
	void rejectsProtocolForWhichNoSslContextCanBeBuilt() {
		TestMaterial material = material();
		String file = material.certificateFile().toString();
		assertThat(check(material.pem(ec, null, "NoSuchProtocol"))).singleElement().satisfies((problem) -> {
			assertThat(problem.location()).isEqualTo(file);
			assertThat(problem.message())
				.startsWith("an SSL context cannot be built from the material in '" + file + "': ");
		});
	}

	@Test
	void rejectsKeyStoreWhoseServerWouldPresentAnotherCertificateThanTheValidatedOne() throws Exception {
		// Without key.alias the first key entry is validated, but the server's key
		// manager
		// chooses an entry by the client's signature algorithms: here the EC one
		Issued rsa = certificates.issue(certificates.leaf("rsa.example.com").keyType(KeyType.RSA_1024), authority);
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null);
		store.setKeyEntry("first", rsa.keyPair().getPrivate(), "secret".toCharArray(),
				rsa.chain().toArray(X509Certificate[]::new));
		store.setKeyEntry("second", ec.keyPair().getPrivate(), "secret".toCharArray(),
				ec.chain().toArray(X509Certificate[]::new));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		store.store(out, "secret".toCharArray());
		LoadedMaterial material = material().keyStore("PKCS12", out.toByteArray(), "secret", SslBundleKey.NONE);
		assertThat(material.getKey().leaf()).isEqualTo(rsa.certificate());
		assertThat(check(material)).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.startsWith("a TLS handshake with certificate CN=rsa.example.com serial " + rsa.serialHex())
				.contains("the server presented a different certificate"));
	}

	@Test
	void passesTrustMaterialWithoutKey() {
		assertThat(check(material().trust(List.of(authority.certificate())))).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(names = { "RSA_2048", "EC", "ED25519" })
	void passesGoodClientMaterial(KeyType keyType) {
		Issued issued = certificates.issue(certificates.leaf(keyType + " client")
			.keyType(keyType)
			.extendedKeyUsage(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_clientAuth), authority);
		assertThat(this.check.check(material().pem(issued), TestValidation.CLIENT)).isEmpty();
	}

	@Test
	void passesGoodClientMaterialOverTls12() {
		assertThat(this.check.check(material().pem(ec, SslOptions.of(null, new String[] { "TLSv1.2" }), null),
				TestValidation.CLIENT))
			.isEmpty();
	}

	@Test
	void rejectsClientKeyOfAnotherCertificate() {
		Issued other = certificates.issue(certificates.leaf("other client"), authority);
		TestMaterial material = material();
		String file = material.certificateFile().toString();
		assertThat(this.check.check(material.pem(ec.chain(), other.keyPair().getPrivate()), TestValidation.CLIENT))
			.singleElement()
			.satisfies((problem) -> {
				assertThat(problem.location()).isEqualTo(file);
				assertThat(problem.message())
					.startsWith("a TLS handshake as a client with certificate CN=www.example.com " + "serial "
							+ ec.serialHex() + " from '" + file + "' fails: ");
			});
	}

	@Test
	void passesTrustMaterialOfATrustBundle() {
		assertThat(this.check.check(material().trust(List.of(authority.certificate())), TestValidation.TRUST))
			.isEmpty();
	}

	private List<Problem> check(LoadedMaterial material) {
		return this.check.check(material, TestValidation.SETTINGS);
	}

	private TestMaterial material() {
		return new TestMaterial(this.directory);
	}

}
