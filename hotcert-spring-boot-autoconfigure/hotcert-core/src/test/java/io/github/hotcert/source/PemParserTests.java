package io.github.hotcert.source;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collections;

import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;

import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestCertificates.KeyType;
import io.github.hotcert.testsupport.TestMaterial;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.SslBundleKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PemParser}, through {@link MaterialSource#load()} as hotcert uses it.
 */
class PemParserTests {

	private static final TestCertificates certificates = new TestCertificates(
			Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

	private static final Issued authority = certificates.authority("Test CA");

	private static final Issued ec = certificates.issue(certificates.leaf("ec.example.com"), authority);

	private static final Issued rsa = certificates.issue(certificates.leaf("rsa.example.com").keyType(KeyType.RSA_2048),
			authority);

	private static final String PASSWORD = "correct horse";

	@TempDir
	Path directory;

	@Test
	void readsCertificateChainInFileOrder() throws Exception {
		Issued intermediate = certificates.intermediate(certificates.leaf("Intermediate CA"), authority);
		Issued leaf = certificates.issue(certificates.leaf("chain.example.com"), intermediate);
		assertThat(leaf.chain()).hasSize(3);
		LoadedMaterial material = load(PemFiles.certificates(leaf.chain()), pkcs8(leaf));
		assertThat(material.getKey().chain()).containsExactlyElementsOf(leaf.chain());
		assertThat(material.getKey().leaf()).isEqualTo(leaf.certificate());
		assertThat(material.getSslBundle().getStores().getKeyStore().getCertificateChain("ssl"))
			.containsExactlyElementsOf(leaf.chain());
	}

	@Test
	void readsPkcs1RsaKey() throws Exception {
		String key = PemFiles.traditional(rsa.keyPair().getPrivate());
		assertThat(key).startsWith("-----BEGIN RSA PRIVATE KEY-----");
		assertServes(load(chain(rsa), key), rsa);
	}

	@Test
	void readsPkcs8RsaKey() throws Exception {
		assertServes(load(chain(rsa), pkcs8(rsa)), rsa);
	}

	@Test
	void readsPkcs8EcKey() throws Exception {
		String key = pkcs8(ec);
		assertThat(key).startsWith("-----BEGIN PRIVATE KEY-----");
		assertServes(load(chain(ec), key), ec);
	}

	@Test
	void readsSec1EcKey() throws Exception {
		String key = PemFiles.traditional(ec.keyPair().getPrivate());
		assertThat(key).startsWith("-----BEGIN EC PRIVATE KEY-----");
		assertServes(load(chain(ec), key), ec);
	}

	@Test
	void readsSec1EcKeyAfterEcParameters() throws Exception {
		String parameters = ecParameters();
		assertServes(load(chain(ec), parameters + PemFiles.traditional(ec.keyPair().getPrivate())), ec);
	}

	@Test
	void readsPkcs8Ed25519Key() throws Exception {
		Issued ed25519 = certificates.issue(certificates.leaf("ed25519.example.com").keyType(KeyType.ED25519),
				authority);
		assertServes(load(chain(ed25519), pkcs8(ed25519)), ed25519);
	}

	@Test
	void readsPkcs8Ed448Key() throws Exception {
		Issued ed448 = certificates.issue(certificates.leaf("ed448.example.com").keyType(KeyType.ED448), authority);
		assertServes(load(chain(ed448), pkcs8(ed448)), ed448);
	}

	@Test
	void readsEncryptedPkcs8KeyWithItsPassword() throws Exception {
		String key = PemFiles.encryptedPkcs8(ec.keyPair().getPrivate(), PASSWORD);
		assertThat(key).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
		assertServes(load(chain(ec), key, PASSWORD), ec);
	}

	@Test
	void readsEncryptedPkcs8RsaKeyWithItsPassword() throws Exception {
		assertServes(load(chain(rsa), PemFiles.encryptedPkcs8(rsa.keyPair().getPrivate(), PASSWORD), PASSWORD), rsa);
	}

	@Test
	void rejectsEncryptedPkcs8KeyWithWrongPassword() {
		String key = PemFiles.encryptedPkcs8(ec.keyPair().getPrivate(), PASSWORD);
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(() -> load(chain(ec), key, "wrong"))
			.withMessage("Unable to load private key for bundle 'web' from '" + keyFile()
					+ "': the private key cannot be decrypted: the password is wrong");
	}

	@Test
	void rejectsEncryptedPkcs8KeyWithoutPassword() {
		String key = PemFiles.encryptedPkcs8(ec.keyPair().getPrivate(), PASSWORD);
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(() -> load(chain(ec), key, null))
			.withMessage("Unable to load private key for bundle 'web' from '" + keyFile()
					+ "': the private key is encrypted but no password is configured (private-key-password)");
	}

	@Test
	void readsLegacyEncryptedEcKeyWithItsPassword() throws Exception {
		String key = PemFiles.legacyEncrypted(ec.keyPair().getPrivate(), PASSWORD);
		assertThat(key).startsWith("-----BEGIN EC PRIVATE KEY-----").contains("Proc-Type: 4,ENCRYPTED");
		assertServes(load(chain(ec), key, PASSWORD), ec);
	}

	@Test
	void readsLegacyEncryptedRsaKeyWithItsPassword() throws Exception {
		String key = PemFiles.legacyEncrypted(rsa.keyPair().getPrivate(), PASSWORD);
		assertThat(key).startsWith("-----BEGIN RSA PRIVATE KEY-----").contains("Proc-Type: 4,ENCRYPTED");
		assertServes(load(chain(rsa), key, PASSWORD), rsa);
	}

	@Test
	void rejectsLegacyEncryptedKeyWithWrongPassword() {
		String key = PemFiles.legacyEncrypted(ec.keyPair().getPrivate(), PASSWORD);
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(() -> load(chain(ec), key, "wrong"))
			.withMessage("Unable to load private key for bundle 'web' from '" + keyFile()
					+ "': the private key cannot be decrypted: the password is wrong");
	}

	@Test
	void rejectsLegacyEncryptedKeyWithoutPassword() {
		String key = PemFiles.legacyEncrypted(ec.keyPair().getPrivate(), PASSWORD);
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(() -> load(chain(ec), key, ""))
			.satisfies((ex) -> assertThat(ex.getReason())
				.isEqualTo("the private key is encrypted but no password is configured (private-key-password)"));
	}

	@Test
	void reportsEncryptedKeyThatDecryptsButCannotBeDecodedWithoutBlamingThePassword() throws Exception {
		// Written from the JDK's EC key without its named curve: it decrypts, but is not
		// a usable key
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(new JcaMiscPEMGenerator(ec.keyPair().getPrivate(),
					new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(new BouncyCastleProvider())
						.build(PASSWORD.toCharArray())));
		}
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> load(chain(ec), text.toString(), PASSWORD))
			.satisfies((ex) -> assertThat(ex.getReason())
				.isEqualTo("the private key cannot be decoded: its encoding or its parameters are invalid or not "
						+ "supported (algorithm EC)"));
	}

	@Test
	void readsCrlfLineEndings() throws Exception {
		assertServes(load(chain(ec).replace("\n", "\r\n"), pkcs8(ec).replace("\n", "\r\n")), ec);
	}

	@Test
	void readsTextBeforeEachBlockAsOpensslWritesIt() throws Exception {
		String bagAttributes = "Bag Attributes\n    friendlyName: server\nsubject=CN = ec.example.com\n";
		assertServes(load(bagAttributes + chain(ec), bagAttributes + pkcs8(ec)), ec);
	}

	@Test
	void rejectsEmptyCertificateFile() {
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(() -> load("", pkcs8(ec)))
			.withMessage("Unable to load certificate for bundle 'web' from '" + certificateFile()
					+ "': the content is empty");
	}

	@Test
	void rejectsCertificateFileOfWhiteSpaceAsEmpty() {
		assertCertificateRejected(" \n\n", "the content is empty");
	}

	@Test
	void rejectsEmptyKeyFile() {
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(() -> load(chain(ec), ""))
			.withMessage("Unable to load private key for bundle 'web' from '" + keyFile() + "': the content is empty");
	}

	@Test
	void rejectsGarbage() {
		assertCertificateRejected("this is not a certificate\n", "the content is not PEM (no '-----BEGIN' line)");
	}

	@Test
	void rejectsDerInsteadOfPem() throws Exception {
		writeCertificate(ec.certificate().getEncoded());
		writeKey(pkcs8(ec));
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(this::load)
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(
					"the content is not PEM (it looks like binary DER; convert it with 'openssl x509 -inform der')"));
	}

	@Test
	void rejectsTruncatedCertificate() {
		String pem = chain(ec);
		assertCertificateRejected(pem.substring(0, pem.length() / 2),
				"the PEM content is truncated (a '-----BEGIN' line has no matching '-----END' line)");
	}

	@Test
	void rejectsChainTruncatedInItsLastCertificate() {
		String pem = PemFiles.certificates(ec.chain());
		int secondEnd = pem.lastIndexOf("-----END");
		assertCertificateRejected(pem.substring(0, secondEnd - 10),
				"the PEM content is truncated (a '-----BEGIN' line has no matching '-----END' line)");
	}

	@Test
	void rejectsTruncatedKey() {
		String key = pkcs8(ec);
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> load(chain(ec), key.substring(0, key.length() - 30)))
			.withMessage("Unable to load private key for bundle 'web' from '" + keyFile()
					+ "': the PEM content is truncated (a '-----BEGIN' line has no matching '-----END' line)");
	}

	@Test
	void rejectsTrailingGarbageAfterTheLastBlock() {
		assertCertificateRejected(chain(ec) + "garbage\n", "unexpected content after the last PEM block");
	}

	@Test
	void rejectsTrailingGarbageOnTheLastEndLine() {
		assertCertificateRejected(chain(ec).stripTrailing() + "garbage", "unexpected content after the last PEM block");
	}

	@Test
	void acceptsTrailingWhiteSpaceAfterTheLastBlock() {
		assertThat(load(chain(ec) + "\n\n  \n", pkcs8(ec)).getKey().leaf()).isEqualTo(ec.certificate());
	}

	@Test
	void rejectsInvalidBase64Characters() {
		String pem = chain(ec);
		int middle = pem.indexOf('\n', pem.indexOf('\n') + 1) + 10;
		String corrupted = pem.substring(0, middle) + "!*!*" + pem.substring(middle + 4);
		assertCertificateRejected(corrupted, "the PEM content is malformed: block 1 is not valid base64");
	}

	@Test
	void rejectsBase64WithOneCharacterMissingWithoutTheTextOfTheParsersException() {
		// Bouncy Castle's decoder fails with "String index out of range: <n>" here
		String pem = chain(ec);
		int first = "-----BEGIN CERTIFICATE-----\n".length();
		String corrupted = pem.substring(0, first) + pem.substring(first + 1);
		assertCertificateRejected(corrupted, "the PEM content is malformed: block 1 is not valid base64");
	}

	@Test
	void rejectsBase64ThatIsNotACertificate() {
		String lines = String.join("\n", chain(ec).lines().toList().subList(0, 6));
		assertCertificateRejected(lines + "\n-----END CERTIFICATE-----\n", "the PEM content is malformed: block 1 "
				+ "('CERTIFICATE') cannot be decoded, its type is unknown or its content is corrupted");
	}

	@Test
	void rejectsBlockWithoutItsEndLine() {
		String certificate = PemFiles.certificate(ec.certificate());
		String broken = certificate.replace("-----END CERTIFICATE-----", "-----END CERTIFICATE:-----");
		assertCertificateRejected(broken,
				"the PEM content is malformed: block 1 has no matching '-----END' line of the same type");
	}

	@Test
	void rejectsEmptyBlock() {
		assertCertificateRejected("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
				"the PEM block 'CERTIFICATE' is empty");
	}

	@Test
	void rejectsKeyInTheCertificateFile() {
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(() -> load(chain(ec) + pkcs8(ec), pkcs8(ec)))
			.withMessage("Unable to load certificate for bundle 'web' from '" + certificateFile()
					+ "': expected only certificates but found a private key");
	}

	@Test
	void rejectsCertificateInTheKeyFile() {
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(() -> load(chain(ec), chain(ec)))
			.withMessage("Unable to load private key for bundle 'web' from '" + keyFile()
					+ "': expected a private key but found a certificate");
	}

	@Test
	void rejectsTwoKeysInOneFile() {
		Issued other = certificates.issue(certificates.leaf("other.example.com"), authority);
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> load(chain(ec), pkcs8(ec) + pkcs8(other)))
			.withMessage("Unable to load private key for bundle 'web' from '" + keyFile()
					+ "': expected one private key but found 2");
	}

	@Test
	void rejectsPublicKeyInTheCertificateFile() {
		String publicKey = pem("PUBLIC KEY", ec.keyPair().getPublic().getEncoded());
		assertCertificateRejected(chain(ec) + publicKey,
				"expected only certificates but found a PEM object of type SubjectPublicKeyInfo");
	}

	@Test
	void rejectsPublicKeyInTheKeyFile() {
		String publicKey = pem("PUBLIC KEY", ec.keyPair().getPublic().getEncoded());
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(() -> load(chain(ec), publicKey))
			.satisfies((ex) -> assertThat(ex.getReason())
				.isEqualTo("expected a private key but found a PEM object of type SubjectPublicKeyInfo"));
	}

	@Test
	void rejectsKeyFileWithOnlyEcParameters() {
		String parameters = ecParameters();
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(() -> load(chain(ec), parameters))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("no PEM private key found"));
	}

	@Test
	void neverShowsKeyMaterialInMessages() {
		String key = pkcs8(ec);
		String body = key.lines().skip(1).findFirst().orElseThrow();
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(() -> load(chain(ec) + key, key))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(body.substring(0, 16)));
	}

	private void assertCertificateRejected(String certificate, String reason) {
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(() -> load(certificate, pkcs8(ec)))
			.withMessage("Unable to load certificate for bundle 'web' from '" + certificateFile() + "': " + reason);
	}

	/**
	 * Assert that the bundle's key store holds the issued key and chain under the default
	 * alias and that an SSL context can be built from it.
	 */
	static void assertServes(LoadedMaterial material, Issued issued) throws Exception {
		assertServes(material, "ssl", issued);
	}

	static void assertServes(LoadedMaterial material, String alias, Issued issued) throws Exception {
		KeyStore keyStore = material.getSslBundle().getStores().getKeyStore();
		assertThat(Collections.list(keyStore.aliases())).containsExactly(alias);
		assertThat(keyStore.isKeyEntry(alias)).isTrue();
		assertThat(keyStore.getCertificateChain(alias)).containsExactlyElementsOf(issued.chain());
		assertThat(material.getKey().alias()).isEqualTo(alias);
		assertSameKey(material.getKey().privateKey(), issued.keyPair().getPrivate());
		KeyManager[] keyManagers = material.getSslBundle().getManagers().getKeyManagers();
		assertThat(keyManagers).hasSize(1);
		X509KeyManager keyManager = (X509KeyManager) keyManagers[0];
		assertSameKey(keyManager.getPrivateKey(alias), issued.keyPair().getPrivate());
		assertThat(keyManager.getCertificateChain(alias)).containsExactlyElementsOf(issued.chain());
		assertThat(material.getSslBundle().createSslContext()).isNotNull();
	}

	static void assertSameKey(PrivateKey actual, PrivateKey expected) {
		assertThat(actual).isNotNull();
		if (expected instanceof RSAPrivateCrtKey rsa) {
			assertThat(actual).isInstanceOfSatisfying(RSAPrivateCrtKey.class, (key) -> {
				assertThat(key.getModulus()).isEqualTo(rsa.getModulus());
				assertThat(key.getPrivateExponent()).isEqualTo(rsa.getPrivateExponent());
			});
		}
		else if (expected instanceof ECPrivateKey ecKey) {
			assertThat(actual).isInstanceOfSatisfying(ECPrivateKey.class,
					(key) -> assertThat(key.getS()).isEqualTo(ecKey.getS()));
		}
		else if (expected instanceof EdECPrivateKey edec) {
			assertThat(actual).isInstanceOfSatisfying(EdECPrivateKey.class, (key) -> {
				assertThat(key.getParams().getName()).isEqualTo(edec.getParams().getName());
				assertThat(key.getBytes().orElseThrow()).isEqualTo(edec.getBytes().orElseThrow());
			});
		}
		else {
			throw new IllegalArgumentException(expected.getAlgorithm());
		}
	}

	private LoadedMaterial load(String certificate, String key) {
		return load(certificate, key, null);
	}

	private LoadedMaterial load(String certificate, String key, String password) {
		writeCertificate(certificate.getBytes(StandardCharsets.US_ASCII));
		writeKey(key);
		return load(password);
	}

	private LoadedMaterial load() {
		return load((String) null);
	}

	private LoadedMaterial load(String password) {
		StoreSource store = StoreSource.pem(null, location("certificate", certificateFile()),
				location("private-key", keyFile()), password);
		return new MaterialSource("web", reader(), store, null, SslBundleKey.NONE, null, null).load();
	}

	private void writeCertificate(byte[] content) {
		write(certificateFile(), content);
	}

	private void writeKey(String content) {
		write(keyFile(), content.getBytes(StandardCharsets.US_ASCII));
	}

	private static void write(Path file, byte[] content) {
		try {
			Files.write(file, content);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Path certificateFile() {
		return this.directory.resolve("tls.crt");
	}

	private Path keyFile() {
		return this.directory.resolve("tls.key");
	}

	static ContentReader reader() {
		return TestMaterial.reader();
	}

	static MaterialLocation location(String property, Path file) {
		return new MaterialLocation("spring.ssl.bundle.pem.web.keystore." + property, file.toString(), file);
	}

	private static String chain(Issued issued) {
		return PemFiles.certificates(issued.chain());
	}

	private static String pkcs8(Issued issued) {
		return PemFiles.pkcs8(issued.keyPair().getPrivate());
	}

	private static String ecParameters() {
		try {
			return pem("EC PARAMETERS", SECObjectIdentifiers.secp256r1.getEncoded());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
