package io.github.hotcert.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;

import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestCertificates.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.SslBundleKey;

import static io.github.hotcert.source.PemParserTests.assertServes;
import static io.github.hotcert.source.PemParserTests.location;
import static io.github.hotcert.source.PemParserTests.reader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PemStoreSource}.
 */
class PemStoreSourceTests {

	private static final TestCertificates certificates = new TestCertificates(
			Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

	private static final Issued authority = certificates.authority("Test CA");

	private static final Issued leaf = certificates.issue(certificates.leaf("www.example.com"), authority);

	@TempDir
	Path directory;

	@Test
	void storesKeyUnderDefaultAliasSsl() throws Exception {
		assertServes(load(null, SslBundleKey.NONE), "ssl", leaf);
	}

	@Test
	void storesKeyUnderConfiguredAlias() throws Exception {
		assertServes(load(null, SslBundleKey.of(null, "web-server")), "web-server", leaf);
	}

	@Test
	void storesKeyUnderConfiguredAliasForEveryKeyType() throws Exception {
		for (KeyType keyType : List.of(KeyType.RSA_1024, KeyType.EC, KeyType.ED25519, KeyType.ED448)) {
			Issued issued = certificates.issue(certificates.leaf(keyType + ".example.com").keyType(keyType), authority);
			write(issued);
			assertServes(load(null, SslBundleKey.of(null, "web-server")), "web-server", issued);
		}
	}

	@Test
	void protectsKeyWithConfiguredKeyPassword() throws Exception {
		LoadedMaterial material = load(null, SslBundleKey.of("secret", "web-server"));
		KeyStore keyStore = material.getSslBundle().getStores().getKeyStore();
		assertThat(keyStore.getKey("web-server", "secret".toCharArray())).isNotNull();
		assertThat(material.getSslBundle().createSslContext()).isNotNull();
	}

	@Test
	void buildsKeyStoreOfConfiguredType() throws Exception {
		LoadedMaterial material = load("JKS", SslBundleKey.of("secret", null));
		KeyStore keyStore = material.getSslBundle().getStores().getKeyStore();
		assertThat(keyStore.getType()).isEqualTo("JKS");
		assertThat(keyStore.isKeyEntry("ssl")).isTrue();
		assertThat(material.getSslBundle().createSslContext()).isNotNull();
	}

	@Test
	void buildsKeyStoreOfDefaultTypeWhenNoneIsConfigured() {
		assertThat(load(null, SslBundleKey.NONE).getSslBundle().getStores().getKeyStore().getType())
			.isEqualToIgnoringCase(KeyStore.getDefaultType());
	}

	@Test
	void loadsTheCertificatesOfAKeyStoreThatCannotBeBuiltAndReportsItWhenTheBundleIsUsed() {
		LoadedMaterial material = load("NOPE", SslBundleKey.NONE);
		assertThat(material.getKey()).as("the content is parsed when loaded").isNotNull();
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(material::getSslBundle);
	}

	@Test
	void rejectsUnknownKeyStoreType() {
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> load("NOPE", SslBundleKey.NONE).getSslBundle())
			.withMessageStartingWith("Unable to load key store for bundle 'web' from '" + certificateFile()
					+ "': a key store of type 'NOPE' cannot be created: ");
	}

	@Test
	void rejectsLeafNotFirstForDefaultKeyStoreTypeNamingTheCertificates() throws Exception {
		Files.writeString(certificateFile(),
				PemFiles.certificates(List.of(authority.certificate(), leaf.certificate())));
		Files.writeString(keyFile(), PemFiles.pkcs8(leaf.keyPair().getPrivate()));
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> load(null, SslBundleKey.NONE).getSslBundle())
			.withMessage("Unable to load certificate for bundle 'web' from '" + certificateFile()
					+ "': the certificates are not in chain order (the leaf first, then each issuer), which a key "
					+ "store of type '" + KeyStore.getDefaultType() + "' requires: certificate CN=Test CA serial "
					+ authority.serialHex() + " is issued by 'CN=Test CA', not by the next certificate in the file, "
					+ "certificate CN=www.example.com serial " + leaf.serialHex());
	}

	@Test
	void rejectsWrongIntermediateForPkcs12KeyStoreNamingTheExpectedIssuer() throws Exception {
		Issued intermediate = certificates.intermediate(certificates.leaf("Intermediate CA"), authority);
		Issued issued = certificates.issue(certificates.leaf("api.example.com"), intermediate);
		Issued otherIntermediate = certificates.intermediate(certificates.leaf("Other Intermediate CA"), authority);
		Files.writeString(certificateFile(),
				PemFiles.certificates(List.of(issued.certificate(), otherIntermediate.certificate())));
		Files.writeString(keyFile(), PemFiles.pkcs8(issued.keyPair().getPrivate()));
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> load("PKCS12", SslBundleKey.NONE).getSslBundle())
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("the certificates are not in chain order (the "
					+ "leaf first, then each issuer), which a key store of type 'PKCS12' requires: certificate "
					+ "CN=api.example.com serial " + issued.serialHex() + " is issued by 'CN=Intermediate CA', not by "
					+ "the next certificate in the file, certificate CN=Other Intermediate CA serial "
					+ otherIntermediate.serialHex()));
	}

	@Test
	void keepsCertificatesInFileOrderInKeyStoreTypeThatAllowsIt() throws Exception {
		List<X509Certificate> reversed = List.of(authority.certificate(), leaf.certificate());
		Files.writeString(certificateFile(), PemFiles.certificates(reversed));
		Files.writeString(keyFile(), PemFiles.pkcs8(leaf.keyPair().getPrivate()));
		LoadedMaterial material = load("JKS", SslBundleKey.of("secret", null));
		assertThat(material.getKey().chain()).containsExactlyElementsOf(reversed);
		assertThat(material.getSslBundle().getStores().getKeyStore().getCertificateChain("ssl"))
			.containsExactlyElementsOf(reversed);
	}

	@Test
	void recordsKeyAndCertificateLocations() {
		LoadedMaterial material = load(null, SslBundleKey.NONE);
		assertThat(material.getKey().certificateLocation().path()).isEqualTo(certificateFile());
		assertThat(material.getKey().keyLocation().path()).isEqualTo(keyFile());
		assertThat(material.getContents()).extracting((content) -> content.location().path())
			.containsExactly(certificateFile(), keyFile());
		assertThat(material.getTrust()).isNull();
	}

	@Test
	void buildsTrustStoreWithOneEntryPerCertificate() throws Exception {
		Issued otherAuthority = certificates.authority("Other CA");
		Path file = this.directory.resolve("ca.crt");
		Files.writeString(file, PemFiles.certificates(List.of(authority.certificate(), otherAuthority.certificate())));
		LoadedMaterial material = new MaterialSource("web", reader(), null,
				StoreSource.pem(null, location("certificate", file), null, null), SslBundleKey.of(null, "ignored"),
				null, null)
			.load();
		assertThat(material.getKey()).isNull();
		assertThat(material.getTrust().certificates()).containsExactly(authority.certificate(),
				otherAuthority.certificate());
		assertThat(material.getTrust().location().path()).isEqualTo(file);
		KeyStore trustStore = material.getSslBundle().getStores().getTrustStore();
		assertThat(Collections.list(trustStore.aliases())).containsExactlyInAnyOrder("ssl-0", "ssl-1");
		assertThat(trustStore.isCertificateEntry("ssl-0")).isTrue();
		assertThat(material.getSslBundle().getStores().getKeyStore()).isNull();
		assertThat(material.getSslBundle().createSslContext()).isNotNull();
	}

	@Test
	void buildsTrustStoreWithSingleCertificateUnderAliasSsl() throws Exception {
		Path file = this.directory.resolve("ca.crt");
		Files.writeString(file, PemFiles.certificate(authority.certificate()));
		LoadedMaterial material = new MaterialSource("web", reader(), null,
				StoreSource.pem(null, location("certificate", file), null, null), null, null, null)
			.load();
		assertThat(Collections.list(material.getSslBundle().getStores().getTrustStore().aliases()))
			.containsExactly("ssl");
	}

	@Test
	void namesTrustedCertificateInMessages() throws Exception {
		Path file = this.directory.resolve("ca.crt");
		Files.writeString(file, "");
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> new MaterialSource("web", reader(), null,
					StoreSource.pem(null, location("certificate", file), null, null), null, null, null)
				.load())
			.withMessage(
					"Unable to load trusted certificate for bundle 'web' from '" + file + "': the content is empty");
	}

	@Test
	void reportsTypeAndLocations() {
		StoreSource source = StoreSource.pem(null, location("certificate", certificateFile()),
				location("private-key", keyFile()), null);
		assertThat(source.getType()).isEqualTo("pem");
		assertThat(source.getLocations()).extracting(MaterialLocation::path)
			.containsExactly(certificateFile(), keyFile());
		assertThat(StoreSource.pem(null, location("certificate", certificateFile()), null, null).getLocations())
			.hasSize(1);
	}

	private LoadedMaterial load(String type, SslBundleKey key) {
		if (!Files.exists(certificateFile())) {
			write(leaf);
		}
		StoreSource store = StoreSource.pem(type, location("certificate", certificateFile()),
				location("private-key", keyFile()), null);
		return new MaterialSource("web", reader(), store, null, key, null, null).load();
	}

	private void write(Issued issued) {
		try {
			Files.writeString(certificateFile(), PemFiles.certificates(issued.chain()));
			Files.writeString(keyFile(), PemFiles.pkcs8(issued.keyPair().getPrivate()));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Path certificateFile() {
		return this.directory.resolve("tls.crt");
	}

	private Path keyFile() {
		return this.directory.resolve("tls.key");
	}

}
