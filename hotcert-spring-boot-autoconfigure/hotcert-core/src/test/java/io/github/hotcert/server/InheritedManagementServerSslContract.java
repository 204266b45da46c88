package io.github.hotcert.server;

import java.nio.file.Path;
import java.time.Duration;

import io.github.hotcert.config.BundleDiscovery;
import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.testsupport.PemBundleDirectory;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A management server on its own port without {@code management.server.ssl.*} is
 * configured by Spring Boot like the main server, from {@code server.ssl.*}: it serves
 * the main server's certificate, and must serve the new one after a rotation too. Proven
 * with real handshakes on both ports. One subclass per server.
 */
public abstract class InheritedManagementServerSslContract {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final TestCertificates certificates = TestCertificates.now();

	private final TlsClient client = TlsClient.create();

	@TempDir
	Path directory;

	private Issued authority;

	private PemBundleDirectory files;

	private Issued first;

	private ConfigurableApplicationContext context;

	/**
	 * Start an application on this server with the given properties, on port 0 and
	 * loopback.
	 * @param properties additional properties
	 * @return the application context
	 */
	protected abstract ConfigurableApplicationContext run(String... properties);

	/**
	 * Return how hotcert's applier for this server describes the default host of an HTTPS
	 * port.
	 * @param port the port
	 * @return the description
	 */
	protected abstract String targetDescription(int port);

	@BeforeEach
	void writeFiles() {
		this.authority = this.certificates.authority("hotcert management CA");
		this.first = issue("first.example");
		this.files = new PemBundleDirectory(this.directory.resolve("web")).write(this.first);
	}

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void managementServerServesTheNewCertificateOfTheMainServersBundle() throws Exception {
		start(TestWebApplication.concat(new String[] { "server.ssl.bundle=web" }, this.files.bundleProperties("web")));
		assertBothServersRotate("web");
	}

	@Test
	void managementServerServesTheNewCertificateOfTheMainServersSslProperties() throws Exception {
		start("server.ssl.certificate=" + this.files.certificate(),
				"server.ssl.certificate-private-key=" + this.files.privateKey());
		assertBothServersRotate(BundleDiscovery.SERVER_SSL_BUNDLE_NAME);
	}

	@Test
	void managementServerWithSslTurnedOffIsNotAConsumer() throws Exception {
		start(TestWebApplication.concat(new String[] { "server.ssl.bundle=web", "management.server.ssl.enabled=false" },
				this.files.bundleProperties("web")));
		assertThat(this.context.getBean(CertificateReloader.class).getBundle("web").getConsumers())
			.containsExactly(targetDescription(mainPort()));
		Issued rotated = issue("second.example");
		this.files.replace(rotated);
		this.client.awaitSerial(mainPort(), rotated.serialHex(), TIMEOUT);
	}

	private void assertBothServersRotate(String bundle) throws Exception {
		int managementPort = managementPort();
		assertThat(this.client.servedSerial(managementPort)).isEqualTo(this.first.serialHex());
		assertThat(this.client.servedSerial(mainPort())).isEqualTo(this.first.serialHex());
		Issued rotated = issue("second.example");
		this.files.replace(rotated);
		this.client.awaitSerial(mainPort(), rotated.serialHex(), TIMEOUT);
		this.client.awaitSerial(managementPort, rotated.serialHex(), TIMEOUT);
		assertThat(this.client.get(managementPort, "/actuator/health").status()).isEqualTo(200);
		assertThat(this.context.getBean(CertificateReloader.class).getBundle(bundle).getConsumers())
			.containsExactlyInAnyOrder(targetDescription(mainPort()), targetDescription(managementPort));
	}

	private void start(String... properties) {
		this.context = run(TestWebApplication
			.concat(new String[] { "management.server.port=0", "management.server.address=127.0.0.1" }, properties));
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

	private int managementPort() {
		return this.context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
	}

	private int mainPort() {
		return this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

}
