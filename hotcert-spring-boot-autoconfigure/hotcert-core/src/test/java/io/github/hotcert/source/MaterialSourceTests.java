package io.github.hotcert.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;

import static io.github.hotcert.source.PemParserTests.reader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MaterialSource} and the {@link LoadedMaterial} it loads.
 */
class MaterialSourceTests {

	private static final TestCertificates certificates = new TestCertificates(
			Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

	private static final Issued authority = certificates.authority("Test CA");

	private static final Issued leaf = certificates.issue(certificates.leaf("www.example.com"), authority);

	@TempDir
	Path directory;

	@Test
	void loadsKeyAndTrustMaterialOfOneBundle() throws Exception {
		writePem(leaf);
		Files.writeString(caFile(), PemFiles.certificate(authority.certificate()));
		LoadedMaterial material = source().load();
		assertThat(material.getBundleName()).isEqualTo("web");
		assertThat(material.getKey().leaf()).isEqualTo(leaf.certificate());
		assertThat(material.getTrust().certificates()).containsExactly(authority.certificate());
		assertThat(material.getChainInfo()).extracting(CertificateInfo::commonName)
			.containsExactly("CN=www.example.com", "CN=Test CA");
		assertThat(material.getTrustInfo()).extracting(CertificateInfo::commonName).containsExactly("CN=Test CA");
		assertThat(material.getContents()).extracting((content) -> content.location().path())
			.containsExactly(certificateFile(), keyFile(), caFile());
		assertThat(material.getSslBundle().getStores().getTrustStore()).isNotNull();
		assertThat(material.getSslBundle().getProtocol()).isEqualTo("TLSv1.3");
		assertThat(material.getSslBundle().getOptions().getEnabledProtocols()).containsExactly("TLSv1.3");
		assertThat(material.getSslBundle().createSslContext().getProtocol()).isEqualTo("TLSv1.3");
	}

	@Test
	void contentHashChangesWhenAndOnlyWhenTheBytesChange() throws Exception {
		writePem(leaf);
		Files.writeString(caFile(), PemFiles.certificate(authority.certificate()));
		String hash = source().load().getContentHash();
		Files.setLastModifiedTime(keyFile(), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
		Files.delete(certificateFile());
		Files.writeString(certificateFile(), PemFiles.certificates(leaf.chain()));
		assertThat(source().load().getContentHash()).isEqualTo(hash);
		Files.writeString(caFile(), PemFiles.certificate(authority.certificate()) + "\n");
		String changed = source().load().getContentHash();
		assertThat(changed).isNotEqualTo(hash);
		Issued renewed = certificates.issue(certificates.leaf("www.example.com"), authority);
		writePem(renewed);
		assertThat(source().load().getContentHash()).isNotEqualTo(hash).isNotEqualTo(changed);
	}

	@Test
	void digestsWithoutParsingToTheHashOfTheLoadedMaterial() throws Exception {
		writePem(leaf);
		Files.writeString(caFile(), PemFiles.certificate(authority.certificate()));
		MaterialSource source = source();
		assertThat(LoadedMaterial.contentHash(source.digest())).isEqualTo(source.load().getContentHash());
		Files.writeString(keyFile(), "not a key");
		assertThat(source.digest()).hasSize(3);
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(source::load);
	}

	@Test
	void contentHashDependsOnWhichPropertyHoldsWhichContent() {
		MaterialLocation certificate = new MaterialLocation("a.certificate", "/tls.crt", Path.of("/tls.crt"));
		MaterialLocation key = new MaterialLocation("a.private-key", "/tls.key", Path.of("/tls.key"));
		String one = LoadedMaterial
			.contentHash(List.of(new ContentDigest(certificate, "11", 1, null), new ContentDigest(key, "22", 1, null)));
		String swapped = LoadedMaterial
			.contentHash(List.of(new ContentDigest(certificate, "22", 1, null), new ContentDigest(key, "11", 1, null)));
		assertThat(one).isNotEqualTo(swapped);
		assertThat(LoadedMaterial
			.contentHash(List.of(new ContentDigest(certificate, "11", 1, null), new ContentDigest(key, "22", 1, null))))
			.isEqualTo(one);
	}

	@Test
	void loadsInlinePemContentThatIsNotAFile() throws Exception {
		MaterialLocation certificate = new MaterialLocation("spring.ssl.bundle.pem.web.keystore.certificate",
				PemFiles.certificates(leaf.chain()), null);
		MaterialLocation key = new MaterialLocation("spring.ssl.bundle.pem.web.keystore.private-key",
				PemFiles.pkcs8(leaf.keyPair().getPrivate()), null);
		MaterialSource source = new MaterialSource("web", reader(), StoreSource.pem(null, certificate, key, null), null,
				null, null, null);
		assertThat(source.getFiles()).isEmpty();
		LoadedMaterial material = source.load();
		assertThat(material.getKey().leaf()).isEqualTo(leaf.certificate());
		assertThat(material.getContents()).allSatisfy((content) -> assertThat(content.lastModified()).isNull());
	}

	@Test
	void listsLocationsAndFiles() {
		MaterialSource source = source();
		assertThat(source.getType()).isEqualTo("pem");
		assertThat(source.getLocations()).extracting(MaterialLocation::path)
			.containsExactly(certificateFile(), keyFile(), caFile());
		assertThat(source.getFiles()).containsExactly(certificateFile(), keyFile(), caFile());
		MaterialSource trustOnly = new MaterialSource("web", reader(), null,
				StoreSource.keyStore("JKS", null, location("truststore.location", caFile()), null), null, null, null);
		assertThat(trustOnly.getType()).isEqualTo("jks");
	}

	@Test
	void requiresKeyStoreOrTrustStore() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MaterialSource("web", reader(), null, null, null, null, null))
			.withMessage("'keyStore' or 'trustStore' must not be null");
	}

	@Test
	void namesTheBundleInMessages() throws Exception {
		writePem(leaf);
		Files.writeString(keyFile(), "");
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> new MaterialSource("internal", reader(),
					StoreSource.pem(null, location("keystore.certificate", certificateFile()),
							location("keystore.private-key", keyFile()), null),
					null, null, null, null)
				.load())
			.withMessage(
					"Unable to load private key for bundle 'internal' from '" + keyFile() + "': the content is empty")
			.satisfies((ex) -> assertThat(ex.getBundleName()).isEqualTo("internal"));
	}

	@Test
	void neverShowsKeyMaterialInToString() throws Exception {
		writePem(leaf);
		Files.writeString(caFile(), PemFiles.certificate(authority.certificate()));
		LoadedMaterial material = source().load();
		String key = PemFiles.pkcs8(leaf.keyPair().getPrivate());
		String keyLine = key.lines().skip(1).findFirst().orElseThrow();
		assertThat(material.toString()).contains("web").doesNotContain(keyLine).doesNotContain("PRIVATE");
		assertThat(material.getKey().toString()).doesNotContain(keyLine)
			.doesNotContain(material.getKey().privateKey().toString());
		assertThat(source().toString())
			.isEqualTo("pem bundle 'web' [" + certificateFile() + ", " + keyFile() + ", " + caFile() + "]");
	}

	private MaterialSource source() {
		return new MaterialSource("web", reader(),
				StoreSource.pem(null, location("keystore.certificate", certificateFile()),
						location("keystore.private-key", keyFile()), null),
				StoreSource.pem(null, location("truststore.certificate", caFile()), null, null),
				SslBundleKey.of(null, "server"), SslOptions.of(null, new String[] { "TLSv1.3" }), "TLSv1.3");
	}

	private void writePem(Issued issued) throws Exception {
		Files.writeString(certificateFile(), PemFiles.certificates(issued.chain()));
		Files.writeString(keyFile(), PemFiles.pkcs8(issued.keyPair().getPrivate()));
	}

	private Path certificateFile() {
		return this.directory.resolve("tls.crt");
	}

	private Path keyFile() {
		return this.directory.resolve("tls.key");
	}

	private Path caFile() {
		return this.directory.resolve("ca.crt");
	}

	private static MaterialLocation location(String property, Path file) {
		return new MaterialLocation("spring.ssl.bundle.pem.web." + property, file.toString(), file);
	}

}
