package io.github.hotcert.development;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.hotcert.source.ContentReader;
import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.source.MaterialSources;
import io.github.hotcert.source.StoreSource;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.MaterialValidator;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DevelopmentCertificates}.
 */
class DevelopmentCertificatesTests {

	@TempDir
	Path directory;

	private final DevelopmentCertificates postProcessor = new DevelopmentCertificates(
			LogFactory.getLog(DevelopmentCertificatesTests.class), Clock.systemUTC());

	@Test
	void generatesAValidCertificateForLocalhostWhenAskedTo() throws Exception {
		Path certs = this.directory.resolve("certs");
		generate(environment(certs), Duration.ofDays(10));
		X509Certificate leaf = read(certs.resolve("tls.crt")).get(0);
		X509Certificate ca = read(certs.resolve("ca.crt")).get(0);
		assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
		assertThat(leaf.getSubjectAlternativeNames()).extracting((name) -> name.get(1).toString())
			.contains("localhost", "127.0.0.1");
		assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()))
			.isBetween(Duration.ofDays(10), Duration.ofDays(10).plusMinutes(6));
		leaf.verify(ca.getPublicKey());
		assertThat(read(certs.resolve("tls.crt"))).containsExactly(leaf, ca);
		assertThat(Files.getPosixFilePermissions(certs.resolve("tls.key")))
			.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
		LoadedMaterial material = source(certs).load();
		assertThat(MaterialValidator.withDefaultChecks(Clock.systemUTC(), TestValidation.policy())
			.validate(material)
			.findings()).as("the generated material passes every check").isEmpty();
	}

	@Test
	void neverOverwritesAnExistingFile() throws IOException {
		Path certs = Files.createDirectories(this.directory.resolve("certs"));
		Files.writeString(certs.resolve("tls.crt"), "mine");
		generate(environment(certs), Duration.ofDays(90));
		assertThat(certs.resolve("tls.crt")).hasContent("mine");
		assertThat(certs.resolve("tls.key")).doesNotExist();
	}

	private MockEnvironment environment(Path certs) {
		return new MockEnvironment()
			.withProperty("spring.ssl.bundle.pem.web.keystore.certificate", certs.resolve("tls.crt").toString())
			.withProperty("spring.ssl.bundle.pem.web.keystore.private-key", certs.resolve("tls.key").toString());
	}

	private void generate(MockEnvironment environment, Duration validity) {
		this.postProcessor.generateMissing(environment, new DefaultResourceLoader(), validity);
	}

	private MaterialSource source(Path certs) {
		ContentReader reader = new ContentReader(ApplicationResourceLoader.get(), DataSize.ofKilobytes(64));
		MaterialSources sources = new MaterialSources(ApplicationResourceLoader.get(), reader);
		return new MaterialSource("web", reader,
				StoreSource.pem(null, sources.location("certificate", certs.resolve("tls.crt").toString()),
						sources.location("private-key", certs.resolve("tls.key").toString()), null),
				null, null, null, null);
	}

	@SuppressWarnings("unchecked")
	private static List<X509Certificate> read(Path file) throws Exception {
		try (InputStream in = Files.newInputStream(file)) {
			return (List<X509Certificate>) CertificateFactory.getInstance("X.509").generateCertificates(in);
		}
	}

}
