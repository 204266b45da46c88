package io.github.hotcert.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import io.github.hotcert.config.BundleDiscovery;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applications configured with the classic {@code server.ssl.*} properties, not a bundle,
 * reload on a real Tomcat.
 */
class LegacyServerSslIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final TestCertificates certificates = TestCertificates.now();

	private final TlsClient client = TlsClient.create();

	@TempDir
	Path directory;

	private Issued authority;

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	@BeforeEach
	void createAuthority() {
		this.authority = this.certificates.authority("legacy CA");
	}

	@Test
	void keyStoreApplicationReloads() throws Exception {
		Path keyStore = this.directory.resolve("keystore.p12");
		Issued first = issue("first");
		Files.write(keyStore, PemFiles.keyStore("PKCS12", "server", first, "changeit", "changeit"));
		this.application.run("server.ssl.key-store=" + keyStore, "server.ssl.key-store-type=PKCS12",
				"server.ssl.key-store-password=changeit", "server.ssl.key-alias=server");
		int port = this.application.port();
		assertThat(this.client.servedSerial(port)).isEqualTo(first.serialHex());
		assertThat(this.application.getBean(CertificateReloader.class)
			.getBundle(BundleDiscovery.SERVER_SSL_BUNDLE_NAME)
			.getConsumers()).singleElement().asString().contains("default host");
		Issued second = issue("second");
		PemFiles.replace(keyStore, PemFiles.keyStore("PKCS12", "server", second, "changeit", "changeit"));
		this.client.awaitSerial(port, second.serialHex(), TIMEOUT);
		Issued wrongAlias = issue("third");
		PemFiles.replace(keyStore, PemFiles.keyStore("PKCS12", "other", wrongAlias, "changeit", "changeit"));
		ReloadResult rejected = this.application.getBean(CertificateReloader.class)
			.reload(BundleDiscovery.SERVER_SSL_BUNDLE_NAME, ReloadRequest.of(ReloadTrigger.MANUAL));
		assertThat(rejected.message()).contains("server.ssl").contains("no entry with alias 'server'");
		assertThat(this.client.servedSerial(port)).isEqualTo(second.serialHex());
	}

	@Test
	void keyStoreReplacedAfterTheServerReadItAndBeforeTheWatcherStartsIsServed() throws Exception {
		Path keyStore = this.directory.resolve("keystore.p12");
		Issued first = issue("first");
		Files.write(keyStore, PemFiles.keyStore("PKCS12", "server", first, "changeit", "changeit"));
		Issued second = issue("second");
		Path replacement = this.directory.resolve("keystore.p12.new");
		Files.write(replacement, PemFiles.keyStore("PKCS12", "server", second, "changeit", "changeit"));
		this.application.run(new Class<?>[] { ReplaceOnceTheServerStarted.class }, "server.ssl.key-store=" + keyStore,
				"server.ssl.key-store-type=PKCS12", "server.ssl.key-store-password=changeit",
				"server.ssl.key-alias=server", "test.replace=" + replacement, "test.replaced=" + keyStore,
				"hotcert.watch.poll-interval=1h");
		StartupValidation.awaitDone(this.application.context());
		assertThat(this.application.getBean(ReplaceOnceTheServerStarted.class).replaced).isTrue();
		int port = this.application.port();
		this.client.awaitSerial(port, second.serialHex(), TIMEOUT);
		assertThat(this.application.getBean(CertificateReloader.class)
			.getBundle(BundleDiscovery.SERVER_SSL_BUNDLE_NAME)
			.getServed()
			.leaf()
			.serialNumber()).isEqualTo(second.serialHex());
	}

	@Test
	void pemCertificateApplicationReloads() throws Exception {
		Path certificate = this.directory.resolve("server.crt");
		Path key = this.directory.resolve("server.key");
		Issued first = issue("first");
		Files.writeString(certificate, PemFiles.certificates(first.chain()));
		Files.writeString(key, PemFiles.pkcs8(first.keyPair().getPrivate()));
		this.application.run("server.ssl.certificate=" + certificate, "server.ssl.certificate-private-key=" + key);
		int port = this.application.port();
		assertThat(this.client.servedSerial(port)).isEqualTo(first.serialHex());
		Issued second = issue("second");
		PemFiles.replace(key, PemFiles.pkcs8(second.keyPair().getPrivate()));
		PemFiles.replace(certificate, PemFiles.certificates(second.chain()));
		this.client.awaitSerial(port, second.serialHex(), TIMEOUT);
		assertThat(this.client.get(port, "/").body()).isEqualTo("ok");
	}

	@Test
	void managementServerWithItsOwnSslPropertiesReloads() throws Exception {
		Path certificate = this.directory.resolve("management.crt");
		Path key = this.directory.resolve("management.key");
		Issued first = issue("management");
		Files.writeString(certificate, PemFiles.certificates(first.chain()));
		Files.writeString(key, PemFiles.pkcs8(first.keyPair().getPrivate()));
		Path webCertificate = this.directory.resolve("web.crt");
		Path webKey = this.directory.resolve("web.key");
		Issued web = issue("web");
		Files.writeString(webCertificate, PemFiles.certificates(web.chain()));
		Files.writeString(webKey, PemFiles.pkcs8(web.keyPair().getPrivate()));
		this.application.run("server.ssl.certificate=" + webCertificate, "server.ssl.certificate-private-key=" + webKey,
				"management.server.port=0", "management.server.address=127.0.0.1",
				"management.server.ssl.certificate=" + certificate,
				"management.server.ssl.certificate-private-key=" + key);
		int port = this.application.managementPort();
		assertThat(this.client.servedSerial(port)).isEqualTo(first.serialHex());
		assertThat(
				this.application.getBean(CertificateReloader.class).getBundle("management.server.ssl").getConsumers())
			.singleElement()
			.asString()
			.contains(Integer.toString(port));
		Issued second = issue("management-2");
		PemFiles.replace(key, PemFiles.pkcs8(second.keyPair().getPrivate()));
		PemFiles.replace(certificate, PemFiles.certificates(second.chain()));
		this.client.awaitSerial(port, second.serialHex(), TIMEOUT);
		assertThat(this.client.get(port, "/actuator/health").status()).isEqualTo(200);
		assertThat(this.client.servedSerial(this.application.port())).isEqualTo(web.serialHex());
	}

	/**
	 * Replaces a file once the web server has started, so after it read its key store,
	 * and before hotcert starts watching: no file event reports the change.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ReplaceOnceTheServerStarted implements SmartLifecycle {

		@Value("${test.replace}")
		private Path replacement;

		@Value("${test.replaced}")
		private Path replacedFile;

		private volatile boolean replaced;

		@Override
		public void start() {
			try {
				Files.move(this.replacement, this.replacedFile, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.replaced = true;
		}

		@Override
		public void stop() {
		}

		@Override
		public boolean isRunning() {
			return this.replaced;
		}

		@Override
		public int getPhase() {
			// After the web server, before hotcert
			return SmartLifecycle.DEFAULT_PHASE - 1;
		}

	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

}
