package io.github.hotcert.compatibility;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.hotcert.compatibility.WithAndWithoutHotcert.Seen;
import io.github.hotcert.testsupport.PemBundleDirectory;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's SSL smoke tests ({@code spring-boot-smoke-test-tomcat-ssl},
 * {@code -jetty-ssl}, {@code -undertow-ssl}), each run with hotcert and without it: an
 * application that adds hotcert must serve the same certificate and give the same answers
 * and the same health as one without it. One subclass per server.
 */
public abstract class SslSmokeCompatibilityContract {

	private final TestCertificates certificates = TestCertificates.now();

	@TempDir
	Path directory;

	private Issued served;

	private Path keyStore;

	/**
	 * Start an application on this server with the given properties, on port 0 and
	 * loopback.
	 * @param properties the properties
	 * @return the application context
	 */
	protected abstract ConfigurableApplicationContext run(String... properties);

	@BeforeEach
	void writeKeyStore() throws Exception {
		Issued authority = this.certificates.authority("hotcert smoke CA");
		this.served = this.certificates.issue(this.certificates.leaf("localhost"), authority);
		this.keyStore = this.directory.resolve("sample.jks");
		Files.write(this.keyStore,
				PemFiles.keyStore("JKS", "spring-boot-ssl-sample", this.served, "secret", "password"));
	}

	@Test
	void serverSslBundleOfAKeyStore() {
		// spring-boot-smoke-test-tomcat-ssl
		assertSameWithAndWithoutHotcert("server.ssl.bundle=ssldemo",
				"spring.ssl.bundle.jks.ssldemo.keystore.location=" + this.keyStore,
				"spring.ssl.bundle.jks.ssldemo.keystore.password=secret",
				"spring.ssl.bundle.jks.ssldemo.keystore.type=JKS",
				"spring.ssl.bundle.jks.ssldemo.key.password=password",
				"management.health.ssl.certificate-validity-warning-threshold=7d");
	}

	@Test
	void serverSslKeyStoreProperties() {
		// spring-boot-smoke-test-jetty-ssl and spring-boot-smoke-test-undertow-ssl
		assertSameWithAndWithoutHotcert("server.ssl.key-store=" + this.keyStore, "server.ssl.key-store-password=secret",
				"server.ssl.key-password=password");
	}

	@Test
	void serverSslPemBundle() {
		PemBundleDirectory pem = new PemBundleDirectory(this.directory.resolve("pem")).write(this.served);
		assertSameWithAndWithoutHotcert(
				TestWebApplication.concat(new String[] { "server.ssl.bundle=web" }, pem.bundleProperties("web")));
	}

	private void assertSameWithAndWithoutHotcert(String... properties) {
		WithAndWithoutHotcert runs = new WithAndWithoutHotcert(this::run);
		Seen without = runs.without(properties);
		Seen with = runs.with(properties);
		assertThat(without.servedSerial()).isEqualTo(this.served.serialHex());
		assertThat(without.home().status()).isEqualTo(200);
		assertThat(without.home().body()).isEqualTo("ok");
		assertThat(without.healthHttpStatus()).isEqualTo(200);
		assertThat(without.status()).isEqualTo("UP");
		assertThat(with.common()).isEqualTo(without.common());
		assertThat(with.certificates().path("status").asText()).isEqualTo("UP");
	}

}
