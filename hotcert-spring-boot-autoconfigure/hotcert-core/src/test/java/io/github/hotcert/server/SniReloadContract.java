package io.github.hotcert.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * SNI with {@code server.ssl.server-name-bundles}: each host name's bundle, and the
 * default bundle, reloads independently. Proven with real handshakes that send the host
 * name in the client hello, on fresh connections. One subclass per server that supports
 * SNI bundles.
 */
public abstract class SniReloadContract {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String ALPHA = "alpha.example";

	private static final String BETA = "beta.example";

	private final TestCertificates certificates = TestCertificates.now();

	private final TlsClient client = TlsClient.create();

	@TempDir
	Path directory;

	private Issued authority;

	private final Map<String, PemBundleDirectory> bundles = new LinkedHashMap<>();

	/** The serial each host name (or {@code null}, the default host) must serve. */
	private final Map<String, String> expected = new LinkedHashMap<>();

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	private int port;

	/**
	 * Start an application that serves {@code GET /} on this server, on port 0 and
	 * loopback.
	 * @param properties additional properties
	 * @return the application context
	 */
	protected abstract ConfigurableApplicationContext run(String... properties);

	/**
	 * Return how hotcert's applier for this server describes an SNI host name of an HTTPS
	 * port.
	 * @param port the port
	 * @param serverName the host name
	 * @return the description
	 */
	protected abstract String targetDescription(int port, String serverName);

	@BeforeEach
	void start() {
		this.authority = this.certificates.authority("hotcert SNI CA");
		write("web", null);
		write("alpha", ALPHA);
		write("beta", BETA);
		this.application.start(() -> run(TestWebApplication.concat(
				new String[] { "server.ssl.bundle=web", "server.ssl.server-name-bundles[0].server-name=" + ALPHA,
						"server.ssl.server-name-bundles[0].bundle=alpha",
						"server.ssl.server-name-bundles[1].server-name=" + BETA,
						"server.ssl.server-name-bundles[1].bundle=beta" },
				this.bundles.get("web").bundleProperties("web"), this.bundles.get("alpha").bundleProperties("alpha"),
				this.bundles.get("beta").bundleProperties("beta"))));
		this.port = this.application.port();
	}

	@Test
	void eachHostNameServesItsOwnBundle() throws Exception {
		assertServed();
		assertThat(this.application.getBean(CertificateReloader.class).getBundle("alpha").getConsumers())
			.contains(targetDescription(this.port, ALPHA));
	}

	@Test
	void rotatingOneHostNameChangesOnlyThatHostsCertificate() throws Exception {
		rotate("alpha", ALPHA);
		assertServed();
		rotate("beta", BETA);
		assertServed();
		rotate("alpha", ALPHA);
		assertServed();
	}

	@Test
	void rotatingTheDefaultBundleKeepsEveryHostNamesCertificate() throws Exception {
		rotate("alpha", ALPHA);
		rotate("web", null);
		assertServed();
		rotate("beta", BETA);
		assertServed();
	}

	private void write(String bundle, String serverName) {
		Issued issued = issue(bundle, serverName);
		this.bundles.put(bundle, new PemBundleDirectory(this.directory.resolve(bundle)).write(issued));
		this.expected.put(serverName, issued.serialHex());
	}

	private void rotate(String bundle, String serverName) throws Exception {
		Issued issued = issue(bundle, serverName);
		this.bundles.get(bundle).replace(issued);
		this.expected.put(serverName, issued.serialHex());
		client(serverName).awaitSerial(this.port, issued.serialHex(), TIMEOUT);
	}

	private void assertServed() throws Exception {
		for (Map.Entry<String, String> entry : this.expected.entrySet()) {
			assertThat(client(entry.getKey()).servedSerial(this.port))
				.as("serial served for %s", (entry.getKey() != null) ? entry.getKey() : "the default host")
				.isEqualTo(entry.getValue());
		}
		assertThat(client("unknown.example").servedSerial(this.port)).as("serial served for an unknown host name")
			.isEqualTo(this.expected.get(null));
		assertThat(this.client.get(this.port, "/").body()).isEqualTo("ok");
	}

	private TlsClient client(String serverName) {
		return (serverName != null) ? this.client.withServerName(serverName) : this.client;
	}

	private Issued issue(String bundle, String serverName) {
		String name = (serverName != null) ? serverName : "localhost";
		return this.certificates.issue(
				this.certificates.leaf(bundle + "." + name).subjectAlternativeNames(name, "localhost", "127.0.0.1"),
				this.authority);
	}

}
