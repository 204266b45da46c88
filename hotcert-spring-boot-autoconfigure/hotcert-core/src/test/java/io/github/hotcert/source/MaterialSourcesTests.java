package io.github.hotcert.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.hotcert.source.MaterialLocation.Origin;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.ssl.JksSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MaterialSources}: which configured bundles become sources, and where
 * their material comes from.
 */
class MaterialSourcesTests {

	private static final TestCertificates certificates = TestCertificates.now();

	private static final Issued issued = certificates.selfSigned(certificates.leaf("web.example"));

	private final MaterialSources sources = new MaterialSources(ApplicationResourceLoader.get(),
			new ContentReader(ApplicationResourceLoader.get(), DataSize.ofKilobytes(64)));

	@TempDir
	Path directory;

	@Test
	void managesBundlesOfFilesOfContentWrittenInThePropertyAndOfOtherResources() throws Exception {
		SslProperties properties = new SslProperties();
		properties.getBundle().getPem().put("file", pem(file("tls.crt", certificate()), file("tls.key", key())));
		properties.getBundle().getPem().put("inline", pem(certificate(), key()));
		JksSslBundleProperties resource = new JksSslBundleProperties();
		resource.getTruststore().setLocation("classpath:org/junit/jupiter/api/Test.class");
		properties.getBundle().getJks().put("resource", resource);
		Map<String, MaterialSource> byName = this.sources.byName(properties);
		assertThat(byName).containsOnlyKeys("file", "inline", "resource");
		assertThat(byName.get("file").getLocations()).extracting(MaterialLocation::origin)
			.containsExactly(Origin.FILE, Origin.FILE);
		assertThat(byName.get("inline").getLocations()).extracting(MaterialLocation::origin)
			.containsExactly(Origin.CONFIGURATION, Origin.CONFIGURATION);
		assertThat(byName.get("inline").getFiles()).isEmpty();
		assertThat(byName.get("inline").load().getKey().leaf()).isEqualTo(issued.certificate());
		assertThat(byName.get("inline").getLocations()).allSatisfy((location) -> assertThat(location.describe())
			.startsWith("property spring.ssl.bundle.pem.inline.keystore.")
			.doesNotContain("BEGIN"));
		assertThat(byName.get("resource").getLocations()).extracting(MaterialLocation::origin)
			.containsExactly(Origin.RESOURCE);
		assertThat(this.sources.fromSslProperties(properties)).extracting(MaterialSource::getBundleName)
			.containsExactly("file", "inline", "resource");
	}

	@Test
	void namesTheLocationsOfABundleWhoseNameHasADotWithBrackets() throws Exception {
		SslProperties properties = new SslProperties();
		properties.getBundle().getPem().put("api.v2", pem(certificate(), key()));
		JksSslBundleProperties store = new JksSslBundleProperties();
		store.getKeystore().setLocation(file("server.p12", "").toString());
		properties.getBundle().getJks().put("store.eu", store);
		Map<String, MaterialSource> byName = this.sources.byName(properties);
		assertThat(byName.get("api.v2").getLocations()).extracting(MaterialLocation::property)
			.containsExactly("spring.ssl.bundle.pem[api.v2].keystore.certificate",
					"spring.ssl.bundle.pem[api.v2].keystore.private-key");
		assertThat(byName.get("store.eu").getLocations()).extracting(MaterialLocation::property)
			.containsExactly("spring.ssl.bundle.jks[store.eu].keystore.location");
	}

	@Test
	void leavesOutABundleWithoutMaterial() {
		SslProperties properties = new SslProperties();
		JksSslBundleProperties hardware = new JksSslBundleProperties();
		hardware.getKeystore().setType("PKCS11");
		properties.getBundle().getJks().put("hardware", hardware);
		assertThat(this.sources.fromSslProperties(properties)).isEmpty();
	}

	@Test
	void sourcesAreConfiguredAlikeOnlyWithTheSameLocationsContentPasswordsAndOptions() throws Exception {
		PemSslBundleProperties pem = pem(certificate(), key());
		assertThat(inline(pem).isConfiguredLike(inline(pem(certificate(), key())))).isTrue();
		assertThat(inline(pem).isConfiguredLike(inline(pem(certificate(),
				PemFiles.pkcs8(certificates.selfSigned(certificates.leaf("other")).keyPair().getPrivate())))))
			.as("other content")
			.isFalse();
		PemSslBundleProperties password = pem(certificate(), key());
		password.getKeystore().setPrivateKeyPassword("secret");
		assertThat(inline(pem).isConfiguredLike(inline(password))).as("another password").isFalse();
		PemSslBundleProperties alias = pem(certificate(), key());
		alias.getKey().setAlias("server");
		assertThat(inline(pem).isConfiguredLike(inline(alias))).as("another alias").isFalse();
		PemSslBundleProperties protocol = pem(certificate(), key());
		protocol.setProtocol("TLSv1.3");
		assertThat(inline(pem).isConfiguredLike(inline(protocol))).as("another protocol").isFalse();
		PemSslBundleProperties file = pem(file("tls.crt", certificate()).toString(), key());
		assertThat(inline(pem).isConfiguredLike(inline(file))).as("a file instead").isFalse();
	}

	private MaterialSource inline(PemSslBundleProperties pem) {
		SslProperties properties = new SslProperties();
		properties.getBundle().getPem().put("web", pem);
		return this.sources.byName(properties).get("web");
	}

	private static PemSslBundleProperties pem(Object certificate, Object key) {
		PemSslBundleProperties pem = new PemSslBundleProperties();
		pem.getKeystore().setCertificate(certificate.toString());
		pem.getKeystore().setPrivateKey(key.toString());
		return pem;
	}

	private static String certificate() {
		return PemFiles.certificates(issued.chain());
	}

	private static String key() {
		return PemFiles.pkcs8(issued.keyPair().getPrivate());
	}

	private Path file(String name, String content) throws Exception {
		return Files.writeString(this.directory.resolve(name), content);
	}

}
