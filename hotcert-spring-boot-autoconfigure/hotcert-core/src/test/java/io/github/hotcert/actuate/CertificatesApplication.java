package io.github.hotcert.actuate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.hotcert.actuate.ActuatorClient.Response;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestReactiveWebApplication;
import io.github.hotcert.testsupport.TestWebApplication;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A servlet application on loopback that serves a PEM bundle named {@code web} from
 * {@code tls.crt} and {@code tls.key} in a directory, with its actuator on a separate
 * management port, also on loopback, exposing {@code certificates}. Neither the file
 * watcher nor retries run unless a test says otherwise, so that only the test's requests
 * reload. There are variants on WebFlux and with the actuator on the main server. A JUnit
 * extension: each test gets a new directory and certificate, and its application is
 * closed after it.
 */
final class CertificatesApplication implements BeforeEachCallback, AfterEachCallback {

	/**
	 * The property that allows reloads through the endpoint.
	 */
	static final String OPEN_ACCESS = "management.endpoint.certificates.access=unrestricted";

	private static final String[] SEPARATE_MANAGEMENT_SERVER = { "management.server.port=0",
			"management.server.address=127.0.0.1", "management.server.ssl.enabled=false" };

	private final TestCertificates certificates = TestCertificates.now();

	private Path directory;

	private Issued authority;

	private Issued first;

	private final RunningApplication application = new RunningApplication();

	private ActuatorClient actuator;

	/**
	 * Write a first certificate, issued by a new test authority, to a new directory.
	 */
	@Override
	public void beforeEach(ExtensionContext extensionContext) throws IOException {
		this.directory = Files.createTempDirectory("hotcert-actuate");
		this.authority = this.certificates.authority("hotcert test CA");
		this.first = issue("first.example");
		try {
			Files.writeString(certificate(), PemFiles.certificates(this.first.chain()));
			Files.writeString(privateKey(), PemFiles.pkcs8(this.first.keyPair().getPrivate()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void start(String... properties) {
		start(new Class<?>[0], properties);
	}

	void start(Class<?>[] sources, String... properties) {
		started(this.application.run(sources, withDefaults(SEPARATE_MANAGEMENT_SERVER, properties)));
	}

	/**
	 * Start the application without waiting until the material it serves since startup is
	 * validated.
	 */
	void startValidating(Class<?>[] sources, String... properties) {
		started(this.application.startValidating(
				() -> TestWebApplication.run(sources, withDefaults(SEPARATE_MANAGEMENT_SERVER, properties))));
	}

	/**
	 * Start the WebFlux counterpart of the application.
	 */
	void startReactive(String... properties) {
		started(this.application.start(() -> TestReactiveWebApplication.run(new Class<?>[0],
				withDefaults(SEPARATE_MANAGEMENT_SERVER, properties))));
	}

	/**
	 * Start the application with its actuator on the main server, which then serves plain
	 * HTTP: the {@code web} bundle is managed all the same.
	 */
	void startWithActuatorOnMainServer(String... properties) {
		started(this.application.run(new Class<?>[0],
				withDefaults(new String[] { "server.ssl.enabled=false" }, properties)));
	}

	private String[] withDefaults(String[] server, String... properties) {
		String[] actuator = { "management.endpoints.web.exposure.include=certificates", "hotcert.watch.mode=off",
				"hotcert.retry.enabled=false" };
		return TestWebApplication.concat(TestWebApplication.pemBundle("web", certificate(), privateKey()), server,
				actuator, properties);
	}

	private void started(ConfigurableApplicationContext context) {
		Integer managementPort = context.getEnvironment().getProperty("local.management.port", Integer.class);
		this.actuator = new ActuatorClient((managementPort != null) ? managementPort : port());
	}

	ConfigurableApplicationContext context() {
		return this.application.context();
	}

	/**
	 * The HTTPS port of the application.
	 */
	int port() {
		return this.application.port();
	}

	/**
	 * Wait until the reload that installed a certificate is in the history of the
	 * {@code web} bundle: the server serves the certificate before the reload is
	 * recorded.
	 */
	ReloadResult awaitReloaded(Issued issued, Duration timeout) {
		return this.application.awaitReloaded("web", issued.serialHex(), timeout);
	}

	ActuatorClient actuator() {
		return this.actuator;
	}

	/**
	 * The description of the {@code web} bundle.
	 */
	JsonNode web() throws IOException, InterruptedException {
		Response response = this.actuator.get("/actuator/certificates/web");
		assertThat(response.status()).isEqualTo(200);
		return response.json();
	}

	Path directory() {
		return this.directory;
	}

	Path certificate() {
		return this.directory.resolve("tls.crt");
	}

	Path privateKey() {
		return this.directory.resolve("tls.key");
	}

	Issued authority() {
		return this.authority;
	}

	/**
	 * The certificate served at startup.
	 */
	Issued first() {
		return this.first;
	}

	Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

	/**
	 * Replace the key, then the certificate, each by renaming a new file over it.
	 */
	void replacePem(Issued issued) {
		PemFiles.replace(privateKey(), PemFiles.pkcs8(issued.keyPair().getPrivate()));
		PemFiles.replace(certificate(), PemFiles.certificates(issued.chain()));
	}

	/**
	 * Replace the files with a certificate for {@code third.example} and a key that does
	 * not belong to it.
	 */
	void writeMismatchedKey() {
		Issued third = issue("third.example");
		Issued other = issue("other.example");
		PemFiles.replace(privateKey(), PemFiles.pkcs8(other.keyPair().getPrivate()));
		PemFiles.replace(certificate(), PemFiles.certificates(third.chain()));
	}

	@Override
	public void afterEach(ExtensionContext extensionContext) throws IOException {
		this.application.close();
		FileSystemUtils.deleteRecursively(this.directory);
	}

}
