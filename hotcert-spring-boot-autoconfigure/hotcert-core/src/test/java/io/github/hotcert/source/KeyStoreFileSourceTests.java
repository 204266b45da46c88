package io.github.hotcert.source;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import javax.net.ssl.X509ExtendedKeyManager;

import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.ssl.SslBundleKey;

import static io.github.hotcert.source.PemParserTests.assertSameKey;
import static io.github.hotcert.source.PemParserTests.reader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KeyStoreFileSource}.
 */
class KeyStoreFileSourceTests {

	private static final TestCertificates certificates = new TestCertificates(
			Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

	private static final Issued authority = certificates.authority("Test CA");

	private static final Issued first = certificates.issue(certificates.leaf("first.example.com"), authority);

	private static final Issued second = certificates.issue(certificates.leaf("second.example.com"), authority);

	private static final String STORE_PASSWORD = "store-secret";

	private static final String KEY_PASSWORD = "key-secret";

	@TempDir
	Path directory;

	@ParameterizedTest
	@ValueSource(strings = { "JKS", "PKCS12" })
	void readsTheKeyEntryWhenNoAliasIsConfigured(String type) throws Exception {
		Path file = write(PemFiles.keyStore(type, "server", first, STORE_PASSWORD, STORE_PASSWORD));
		LoadedMaterial material = load(type, file, STORE_PASSWORD, SslBundleKey.NONE);
		assertThat(material.getKey().alias()).isEqualTo("server");
		assertThat(material.getKey().chain()).containsExactlyElementsOf(first.chain());
		assertSameKey(material.getKey().privateKey(), first.keyPair().getPrivate());
		assertThat(material.getKey().keyLocation().path()).isEqualTo(file);
		assertThat(material.getKey().certificateLocation().path()).isEqualTo(file);
		assertThat(material.getSslBundle().getStores().getKeyStorePassword()).isEqualTo(STORE_PASSWORD);
		assertThat(material.getSslBundle().createSslContext()).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "JKS", "PKCS12" })
	void readsTheKeyEntryOfTheConfiguredAlias(String type) throws Exception {
		Path file = write(twoKeys(type));
		LoadedMaterial material = load(type, file, STORE_PASSWORD, SslBundleKey.of(null, "second"));
		assertThat(material.getKey().alias()).isEqualTo("second");
		assertThat(material.getKey().leaf()).isEqualTo(second.certificate());
		X509ExtendedKeyManager keyManager = (X509ExtendedKeyManager) material.getSslBundle()
			.getManagers()
			.getKeyManagers()[0];
		assertThat(keyManager.chooseEngineServerAlias("EC", null, null)).isEqualTo("second");
		assertThat(material.getSslBundle().createSslContext()).isNotNull();
	}

	@Test
	void handsOutAPkcs12KeyStoreWithOneKeyAsACopyWhoseKeyIsProtectedWithOneIteration() throws Exception {
		Path file = write(PemFiles.keyStore("PKCS12", "server", first, STORE_PASSWORD, KEY_PASSWORD));
		LoadedMaterial material = load("PKCS12", file, STORE_PASSWORD, SslBundleKey.of(KEY_PASSWORD, "server"));
		KeyStore keyStore = material.getSslBundle().getStores().getKeyStore();
		assertThat(InMemoryKeyStoresTests.keyIterationCounts(keyStore, STORE_PASSWORD.toCharArray()))
			.containsExactly(1);
		assertSameKey((PrivateKey) keyStore.getKey("server", KEY_PASSWORD.toCharArray()), first.keyPair().getPrivate());
		assertThat(keyStore.getCertificateChain("server")).containsExactlyElementsOf(first.chain());
		assertThat(material.getSslBundle().createSslContext()).isNotNull();
	}

	@Test
	void handsOutAPkcs12KeyStoreWithSeveralKeysAsItIs() throws Exception {
		Path file = write(twoKeys("PKCS12"));
		LoadedMaterial material = load("PKCS12", file, STORE_PASSWORD, SslBundleKey.of(null, "second"));
		KeyStore keyStore = material.getSslBundle().getStores().getKeyStore();
		assertThat(InMemoryKeyStoresTests.keyIterationCounts(keyStore, STORE_PASSWORD.toCharArray())).hasSize(2)
			.allSatisfy((count) -> assertThat(count).isGreaterThan(1));
		assertThat(keyStore.isCertificateEntry("ca")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "JKS", "PKCS12" })
	void readsKeyProtectedByItsOwnPassword(String type) throws Exception {
		Path file = write(PemFiles.keyStore(type, "server", first, STORE_PASSWORD, KEY_PASSWORD));
		LoadedMaterial material = load(type, file, STORE_PASSWORD, SslBundleKey.of(KEY_PASSWORD, "server"));
		assertSameKey(material.getKey().privateKey(), first.keyPair().getPrivate());
		assertThat(material.getSslBundle().createSslContext()).isNotNull();
	}

	@Test
	void rejectsUnknownAliasListingTheKeyEntries() {
		Path file = write(twoKeys("PKCS12"));
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> load("PKCS12", file, STORE_PASSWORD, SslBundleKey.of(null, "third")))
			.withMessage("Unable to load private key for bundle 'web' from '" + file
					+ "': the key store has no entry with alias 'third' (key entries: [first, second])");
	}

	@Test
	void rejectsAliasOfCertificateEntry() {
		Path file = write(twoKeys("PKCS12"));
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> load("PKCS12", file, STORE_PASSWORD, SslBundleKey.of(null, "ca")))
			.satisfies((ex) -> assertThat(ex.getReason())
				.isEqualTo("the entry with alias 'ca' is not a private key entry (key entries: [first, second])"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "JKS", "PKCS12" })
	void rejectsWrongStorePassword(String type) {
		Path file = write(PemFiles.keyStore(type, "server", first, STORE_PASSWORD, STORE_PASSWORD));
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> load(type, file, "wrong", SslBundleKey.NONE))
			.withMessage("Unable to load key store for bundle 'web' from '" + file + "': the " + type
					+ " key store cannot be opened: the password is wrong or missing");
	}

	@ParameterizedTest
	@ValueSource(strings = { "JKS", "PKCS12" })
	void rejectsWrongKeyPassword(String type) {
		Path file = write(PemFiles.keyStore(type, "server", first, STORE_PASSWORD, KEY_PASSWORD));
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> load(type, file, STORE_PASSWORD, SslBundleKey.of("wrong", "server")))
			.withMessage("Unable to load private key for bundle 'web' from '" + file
					+ "': the private key cannot be recovered: the key password (key.password) is wrong");
	}

	@Test
	void rejectsKeyWithItsOwnPasswordWhenNoKeyPasswordIsConfigured() {
		Path file = write(PemFiles.keyStore("JKS", "server", first, STORE_PASSWORD, KEY_PASSWORD));
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> load("JKS", file, STORE_PASSWORD, SslBundleKey.NONE))
			.satisfies((ex) -> assertThat(ex.getReason())
				.isEqualTo("the private key cannot be recovered: the key password (key.password) is wrong"));
	}

	@Test
	void rejectsKeyStoreWithoutKeyEntry() {
		Path file = write(PemFiles.trustStore("PKCS12", List.of(authority.certificate()), STORE_PASSWORD));
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> load("PKCS12", file, STORE_PASSWORD, SslBundleKey.NONE))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("the key store has no private key entry"));
	}

	@Test
	void rejectsEmptyFile() {
		Path file = write(new byte[0]);
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> load("PKCS12", file, STORE_PASSWORD, SslBundleKey.NONE))
			.withMessage("Unable to load key store for bundle 'web' from '" + file + "': the content is empty");
	}

	@Test
	void rejectsContentThatIsNotAKeyStore() {
		Path file = write(PemFiles.certificate(first.certificate()).getBytes());
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> load("PKCS12", file, STORE_PASSWORD, SslBundleKey.NONE))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("the content is not a valid PKCS12 key store"));
	}

	@Test
	void rejectsUnsupportedType() {
		Path file = write(PemFiles.keyStore("PKCS12", "server", first, STORE_PASSWORD, STORE_PASSWORD));
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> load("NOPE", file, STORE_PASSWORD, SslBundleKey.NONE))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("the key store type 'NOPE' is not supported"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "JKS", "PKCS12" })
	void readsTrustStoreOfCertificateEntries(String type) throws Exception {
		Issued otherAuthority = certificates.authority("Other CA");
		Path file = write(
				PemFiles.trustStore(type, List.of(authority.certificate(), otherAuthority.certificate()), "changeit"));
		LoadedMaterial material = new MaterialSource("web", reader(), null,
				StoreSource.keyStore(type, null, location(file), "changeit"), null, null, null)
			.load();
		assertThat(material.getKey()).isNull();
		assertThat(material.getTrust().certificates()).containsExactlyInAnyOrder(authority.certificate(),
				otherAuthority.certificate());
		assertThat(material.getTrust().location().path()).isEqualTo(file);
		assertThat(material.getTrustInfo()).extracting(CertificateInfo::commonName)
			.containsExactlyInAnyOrder("CN=Test CA", "CN=Other CA");
		assertThat(material.getSslBundle().getStores().getTrustStore().size()).isEqualTo(2);
		assertThat(material.getSslBundle().getStores().getKeyStore()).isNull();
		assertThat(material.getSslBundle().createSslContext()).isNotNull();
	}

	@Test
	void readsKeyStoreAndTrustStoreOfOneBundle() {
		Path keyStore = write(PemFiles.keyStore("PKCS12", "server", first, STORE_PASSWORD, STORE_PASSWORD));
		Path trustStore = this.directory.resolve("truststore.p12");
		writeTo(trustStore, PemFiles.trustStore("PKCS12", List.of(authority.certificate()), "changeit"));
		LoadedMaterial material = new MaterialSource("web", reader(),
				StoreSource.keyStore("PKCS12", null, location(keyStore), STORE_PASSWORD),
				StoreSource.keyStore("PKCS12", null, location(trustStore), "changeit"), null, null, null)
			.load();
		assertThat(material.getKey().leaf()).isEqualTo(first.certificate());
		assertThat(material.getTrust().certificates()).containsExactly(authority.certificate());
		assertThat(material.getContents()).extracting((content) -> content.location().path())
			.containsExactly(keyStore, trustStore);
	}

	@Test
	void rejectsTrustStoreWithoutCertificate() {
		Path file = write(PemFiles.trustStore("PKCS12", List.of(), "changeit"));
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> new MaterialSource("web", reader(), null,
					StoreSource.keyStore("PKCS12", null, location(file), "changeit"), null, null, null)
				.load())
			.withMessage("Unable to load trust store for bundle 'web' from '" + file
					+ "': the trust store has no certificate");
	}

	@Test
	void contentHashChangesWhenAndOnlyWhenTheBytesChange() throws Exception {
		byte[] bytes = PemFiles.keyStore("PKCS12", "server", first, STORE_PASSWORD, STORE_PASSWORD);
		Path file = write(bytes);
		String hash = load("PKCS12", file, STORE_PASSWORD, SslBundleKey.NONE).getContentHash();
		Files.delete(file);
		writeTo(file, bytes);
		assertThat(load("PKCS12", file, STORE_PASSWORD, SslBundleKey.NONE).getContentHash()).isEqualTo(hash);
		// The same entry stored again: a new salt, new bytes
		byte[] rewritten = PemFiles.keyStore("PKCS12", "server", first, STORE_PASSWORD, STORE_PASSWORD);
		assertThat(rewritten).isNotEqualTo(bytes);
		writeTo(file, rewritten);
		assertThat(load("PKCS12", file, STORE_PASSWORD, SslBundleKey.NONE).getContentHash()).isNotEqualTo(hash);
	}

	@Test
	void reportsTypeInLowerCase() {
		Path file = this.directory.resolve("keystore");
		assertThat(StoreSource.keyStore("PKCS12", null, location(file), null).getType()).isEqualTo("pkcs12");
		assertThat(StoreSource.keyStore("JKS", null, location(file), null).getType()).isEqualTo("jks");
		assertThat(StoreSource.keyStore(null, null, location(file), null).getType())
			.isEqualToIgnoringCase(KeyStore.getDefaultType());
		assertThat(StoreSource.keyStore(null, null, location(file), null).getLocations())
			.containsExactly(location(file));
	}

	private LoadedMaterial load(String type, Path file, String password, SslBundleKey key) {
		return new MaterialSource("web", reader(), StoreSource.keyStore(type, null, location(file), password), null,
				key, null, null)
			.load();
	}

	private static byte[] twoKeys(String type) {
		try {
			KeyStore store = KeyStore.getInstance(type);
			store.load(null);
			store.setKeyEntry("first", first.keyPair().getPrivate(), STORE_PASSWORD.toCharArray(),
					first.chain().toArray(X509Certificate[]::new));
			store.setKeyEntry("second", second.keyPair().getPrivate(), STORE_PASSWORD.toCharArray(),
					second.chain().toArray(X509Certificate[]::new));
			store.setCertificateEntry("ca", authority.certificate());
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			store.store(out, STORE_PASSWORD.toCharArray());
			return out.toByteArray();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Path write(byte[] content) {
		Path file = this.directory.resolve("keystore");
		writeTo(file, content);
		return file;
	}

	private static void writeTo(Path file, byte[] content) {
		try {
			Files.write(file, content);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static MaterialLocation location(Path file) {
		return new MaterialLocation("spring.ssl.bundle.jks.web.keystore.location", file.toString(), file);
	}

}
