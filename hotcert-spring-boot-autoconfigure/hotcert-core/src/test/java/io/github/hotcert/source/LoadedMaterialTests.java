package io.github.hotcert.source;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

import static io.github.hotcert.source.PemParserTests.assertSameKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LoadedMaterial#of(String, SslBundle)}: the material of a bundle that
 * someone else built.
 */
class LoadedMaterialTests {

	private static final TestCertificates certificates = new TestCertificates(
			Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

	private static final Issued authority = certificates.authority("Test CA");

	private static final Issued leaf = certificates.issue(certificates.leaf("www.example.com"), authority);

	private static final String REGISTRY = "the bundle given to SslBundleRegistry.updateBundle(\"web\")";

	@Test
	void readsTheKeyEntryOfABundleBuiltFromPemContent() {
		SslBundle bundle = SslBundle.of(new PemSslStoreBundle(
				PemSslStoreDetails.forCertificate(PemFiles.certificates(leaf.chain()))
					.withPrivateKey(PemFiles.pkcs8(leaf.keyPair().getPrivate())),
				PemSslStoreDetails.forCertificate(PemFiles.certificate(authority.certificate()))));
		LoadedMaterial material = LoadedMaterial.of("web", bundle);
		assertThat(material.getBundleName()).isEqualTo("web");
		assertThat(material.getSslBundle()).isSameAs(bundle);
		assertThat(material.getKey().chain()).containsExactlyElementsOf(leaf.chain());
		assertSameKey(material.getKey().privateKey(), leaf.keyPair().getPrivate());
		assertThat(material.getKey().keyLocation().describe()).isEqualTo(REGISTRY);
		assertThat(material.getKey().keyLocation().isFile()).isFalse();
		assertThat(material.getTrust().certificates()).containsExactly(authority.certificate());
		assertThat(material.getContents()).isEmpty();
		assertThat(material.getContentHash()).as("not read from content").isNull();
	}

	@Test
	void readsTheKeyEntryOfAKeyStoreWithAKeyPassword() throws Exception {
		KeyStore keyStore = KeyStore.getInstance("JKS");
		keyStore.load(new ByteArrayInputStream(PemFiles.keyStore("JKS", "server", leaf, "store", "key")),
				"store".toCharArray());
		LoadedMaterial material = LoadedMaterial.of("web",
				SslBundle.of(SslStoreBundle.of(keyStore, "store", null), SslBundleKey.of("key", "server")));
		assertThat(material.getKey().alias()).isEqualTo("server");
		assertSameKey(material.getKey().privateKey(), leaf.keyPair().getPrivate());
		assertThat(material.getTrust()).isNull();
	}

	@Test
	void readsTheTrustedCertificatesOfATrustOnlyBundle() {
		SslBundle bundle = SslBundle.of(new PemSslStoreBundle(null,
				PemSslStoreDetails.forCertificate(PemFiles.certificates(List.of(authority.certificate())))));
		LoadedMaterial material = LoadedMaterial.of("web", bundle);
		assertThat(material.getKey()).isNull();
		assertThat(material.getChainInfo()).isEmpty();
		assertThat(material.getTrustInfo()).extracting(CertificateInfo::commonName).containsExactly("CN=Test CA");
	}

	@Test
	void rejectsABundleWithoutTheEntryOfItsAliasNamingTheRegistry() {
		SslBundle bundle = SslBundle
			.of(new PemSslStoreBundle(PemSslStoreDetails.forCertificate(PemFiles.certificates(leaf.chain()))
				.withPrivateKey(PemFiles.pkcs8(leaf.keyPair().getPrivate())), null), SslBundleKey.of(null, "nope"));
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(() -> LoadedMaterial.of("web", bundle))
			.withMessage("Unable to load private key for bundle 'web' from '" + REGISTRY
					+ "': the key store has no entry with alias 'nope' (key entries: [ssl])");
	}

}
