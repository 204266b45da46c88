package io.github.hotcert.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.net.ssl.SSLException;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.testsupport.KubernetesSecretVolume;
import io.github.hotcert.testsupport.PemBundleDirectory;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What hotcert promises on every supported web server, proven with a real server on port
 * 0 and a real TLS client that opens a fresh connection, without session resumption, for
 * every look at the served certificate. One subclass per server.
 */
public abstract class ServerReloadContract {

	protected static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Log logger = LogFactory.getLog(ServerReloadContract.class);

	private static final String CIPHER = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

	private final TestCertificates certificates = TestCertificates.now();

	private final TlsClient client = TlsClient.create();

	@TempDir
	Path directory;

	private Issued authority;

	private PemBundleDirectory files;

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	/**
	 * Start an application that serves {@code GET /} on this server, on port 0 and
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
	void prepare() {
		this.authority = this.certificates.authority("hotcert contract CA");
		this.files = new PemBundleDirectory(this.directory.resolve("web"));
	}

	@Test
	void newConnectionGetsNewCertificateAfterRotation() throws Exception {
		Issued first = issue("a.example");
		int port = start(first);
		assertThat(this.client.servedSerial(port)).isEqualTo(first.serialHex());
		Issued second = issue("b.example");
		long changed = System.nanoTime();
		this.files.replace(second);
		this.client.awaitSerial(port, second.serialHex(), TIMEOUT);
		logger.info("%s served the new certificate %d ms after its files were replaced"
			.formatted(targetDescription(port), Duration.ofNanos(System.nanoTime() - changed).toMillis()));
		assertThat(this.client.get(port, "/").body()).isEqualTo("ok");
		assertThat(this.application.getBean(CertificateReloader.class).getBundle("web").getConsumers())
			.contains(targetDescription(port));
	}

	@Test
	void connectionOpenedBeforeSwapCompletesRequestAfterIt() throws Exception {
		Issued first = issue("a.example");
		int port = start(first);
		try (TlsClient.Connection connection = this.client.connect(port)) {
			assertThat(connection.get("/").body()).isEqualTo("ok");
			Issued second = issue("b.example");
			this.files.replace(second);
			this.client.awaitSerial(port, second.serialHex(), TIMEOUT);
			TlsClient.Response response = connection.get("/");
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("ok");
			assertThat(connection.peerCertificate().getSerialNumber()).isEqualTo(first.certificate().getSerialNumber());
		}
	}

	@Test
	void rejectedMaterialLeavesPreviousCertificateServed() throws Exception {
		int port = start(issue("a.example"));
		Issued second = issue("b.example");
		this.files.replace(second);
		this.client.awaitSerial(port, second.serialHex(), TIMEOUT);
		this.files.replace(issue("c.example"), issue("other.example"));
		ReloadResult rejection = awaitResult(ReloadOutcome.REJECTED);
		assertThat(rejection.reason()).isEqualTo("key-match");
		assertThat(rejection.message()).contains("does not match certificate CN=c.example")
			.contains(this.files.privateKey().toString());
		assertThat(rejection.previousCertificate().serialNumber()).isEqualTo(second.serialHex());
		for (int i = 0; i < 5; i++) {
			assertThat(this.client.servedSerial(port)).isEqualTo(second.serialHex());
			assertThat(this.client.get(port, "/").body()).isEqualTo("ok");
		}
	}

	@Test
	void servesNewCertificateAfterKubernetesSecretSwap() throws Exception {
		KubernetesSecretVolume volume = new KubernetesSecretVolume(this.directory.resolve("secret"));
		Issued first = issue("a.example");
		volume.writeStrings(secret(first));
		int port = start(TestWebApplication.pemBundle("web", volume.file("tls.crt"), volume.file("tls.key")));
		assertThat(this.client.servedSerial(port)).isEqualTo(first.serialHex());
		for (int i = 0; i < 3; i++) {
			Issued next = issue("rotation-" + i + ".example");
			volume.writeStrings(secret(next));
			this.client.awaitSerial(port, next.serialHex(), TIMEOUT);
		}
	}

	@Test
	void servesNewCertificateAfterFilesAreOverwritten() throws Exception {
		Issued first = issue("a.example");
		int port = start(first);
		assertThat(this.client.servedSerial(port)).isEqualTo(first.serialHex());
		Issued second = issue("b.example");
		PemFiles.overwrite(this.files.privateKey(), PemFiles.pkcs8(second.keyPair().getPrivate()));
		PemFiles.overwrite(this.files.certificate(), PemFiles.certificates(second.chain()));
		this.client.awaitSerial(port, second.serialHex(), TIMEOUT);
	}

	@Test
	void clientAuthNeedIsStillEnforcedAfterReload() throws Exception {
		Path ca = this.directory.resolve("ca.crt");
		Files.writeString(ca, PemFiles.certificate(this.authority.certificate()));
		int port = start(issue("a.example"), "spring.ssl.bundle.pem.web.truststore.certificate=" + ca,
				"server.ssl.client-auth=need");
		TlsClient withCertificate = this.client
			.withClientCertificate(this.certificates.issue(this.certificates.leaf("client"), this.authority));
		assertThat(withCertificate.get(port, "/").body()).isEqualTo("ok");
		assertThatException().isThrownBy(() -> this.client.get(port, "/"));
		Issued second = issue("b.example");
		this.files.replace(second);
		withCertificate.awaitSerial(port, second.serialHex(), TIMEOUT);
		assertThat(withCertificate.get(port, "/").body()).isEqualTo("ok");
		assertThatException().isThrownBy(() -> this.client.get(port, "/"));
	}

	@Test
	void protocolsAndCiphersOfTheBundleAreKeptAfterReload() throws Exception {
		int port = start(issue("a.example"), "spring.ssl.bundle.pem.web.options.enabled-protocols=TLSv1.2",
				"spring.ssl.bundle.pem.web.options.ciphers=" + CIPHER);
		assertTls12WithCipherOnly(port);
		Issued second = issue("b.example");
		this.files.replace(second);
		this.client.withProtocols("TLSv1.2").awaitSerial(port, second.serialHex(), TIMEOUT);
		assertTls12WithCipherOnly(port);
	}

	private void assertTls12WithCipherOnly(int port) throws IOException {
		assertThatException().isThrownBy(() -> this.client.withProtocols("TLSv1.3").servedCertificate(port))
			.isInstanceOf(SSLException.class);
		try (TlsClient.Connection connection = this.client.withProtocols("TLSv1.2", "TLSv1.3").connect(port)) {
			assertThat(connection.get("/").body()).isEqualTo("ok");
			assertThat(connection.cipherSuite()).isEqualTo(CIPHER);
		}
	}

	private int start(Issued issued, String... properties) {
		this.files.write(issued);
		return start(TestWebApplication.concat(new String[] { "server.ssl.bundle=web" },
				this.files.bundleProperties("web"), properties));
	}

	private int start(String... properties) {
		this.application.start(() -> run(properties));
		return this.application.port();
	}

	private ReloadResult awaitResult(ReloadOutcome outcome) {
		return this.application.awaitLastResult("web", outcome, TIMEOUT);
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

	private static Map<String, String> secret(Issued issued) {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("tls.crt", PemFiles.certificates(issued.chain()));
		files.put("tls.key", PemFiles.pkcs8(issued.keyPair().getPrivate()));
		return files;
	}

}
