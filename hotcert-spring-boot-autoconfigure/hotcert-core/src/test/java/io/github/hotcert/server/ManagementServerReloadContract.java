package io.github.hotcert.server;

import java.nio.file.Path;
import java.time.Duration;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.testsupport.PemBundleDirectory;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A management server on its own SSL port ({@code management.server.port} and
 * {@code management.server.ssl.*}) runs in a child context with its own web server: it
 * reloads its bundle the same way as the main server. One subclass per server.
 */
public abstract class ManagementServerReloadContract {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final TestCertificates certificates = TestCertificates.now();

	private final TlsClient client = TlsClient.create();

	@TempDir
	Path directory;

	private Issued authority;

	private PemBundleDirectory web;

	private PemBundleDirectory management;

	private Issued servedByWeb;

	private Issued servedByManagement;

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

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
	void start() {
		this.authority = this.certificates.authority("hotcert management CA");
		this.servedByWeb = issue("web.example");
		this.servedByManagement = issue("management.example");
		this.web = new PemBundleDirectory(this.directory.resolve("web")).write(this.servedByWeb);
		this.management = new PemBundleDirectory(this.directory.resolve("management")).write(this.servedByManagement);
		this.application.start(() -> run(TestWebApplication.concat(
				new String[] { "server.ssl.bundle=web", "management.server.port=0",
						"management.server.address=127.0.0.1", "management.server.ssl.bundle=management" },
				this.web.bundleProperties("web"), this.management.bundleProperties("management"))));
	}

	@Test
	void managementServerServesItsNewCertificateAfterRotation() throws Exception {
		int port = managementPort();
		assertThat(this.client.servedSerial(port)).isEqualTo(this.servedByManagement.serialHex());
		Issued rotated = issue("management-2.example");
		this.management.replace(rotated);
		this.client.awaitSerial(port, rotated.serialHex(), TIMEOUT);
		assertThat(this.application.getBean(CertificateReloader.class).getBundle("management").getConsumers())
			.containsExactly(targetDescription(port));
		assertThat(this.client.get(port, "/actuator/health").status()).isEqualTo(200);
		assertThat(this.client.servedSerial(mainPort())).isEqualTo(this.servedByWeb.serialHex());
	}

	@Test
	void mainServerReloadsIndependentlyOfTheManagementServer() throws Exception {
		Issued rotated = issue("web-2.example");
		this.web.replace(rotated);
		this.client.awaitSerial(mainPort(), rotated.serialHex(), TIMEOUT);
		assertThat(this.client.servedSerial(managementPort())).isEqualTo(this.servedByManagement.serialHex());
	}

	protected final Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

	protected final PemBundleDirectory managementFiles() {
		return this.management;
	}

	protected final TlsClient client() {
		return this.client;
	}

	protected final int managementPort() {
		return this.application.managementPort();
	}

	protected final ConfigurableApplicationContext context() {
		return this.application.context();
	}

	private int mainPort() {
		return this.application.port();
	}

}
