package io.github.hotcert.boot4.server.tomcat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.net.ssl.SSLException;

import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.testsupport.KubernetesSecretVolume;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Reloads on a real embedded Tomcat, proven with real handshakes on fresh connections.
 */
class TomcatReloadIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final TestCertificates certificates = TestCertificates.now();

	private final TlsClient client = TlsClient.create();

	@TempDir
	Path directory;

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	private Issued authority;

	@BeforeEach
	void createAuthority() {
		this.authority = this.certificates.authority("hotcert test CA");
	}

	@Test
	void servesNewCertificateAfterFilesAreOverwritten() throws Exception {
		Issued first = issue("first.example");
		writePem(this.directory, first);
		int port = start(pemBundle(this.directory));
		assertThat(this.client.servedSerial(port)).isEqualTo(first.serialHex());
		Issued second = issue("second.example");
		PemFiles.overwrite(this.directory.resolve("tls.key"), PemFiles.pkcs8(second.keyPair().getPrivate()));
		PemFiles.overwrite(this.directory.resolve("tls.crt"), PemFiles.certificates(second.chain()));
		this.client.awaitSerial(port, second.serialHex(), TIMEOUT);
	}

	@Test
	void servesNewCertificateAfterKubernetesSecretSwap() throws Exception {
		KubernetesSecretVolume volume = new KubernetesSecretVolume(this.directory.resolve("secret"));
		Issued first = issue("first.example");
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
	void keepAliveConnectionOpenedBeforeSwapKeepsWorking() throws Exception {
		Issued first = issue("first.example");
		writePem(this.directory, first);
		int port = start(pemBundle(this.directory));
		try (TlsClient.Connection connection = this.client.connect(port)) {
			assertThat(connection.get("/").body()).isEqualTo("ok");
			Issued second = issue("second.example");
			replacePem(this.directory, second);
			this.client.awaitSerial(port, second.serialHex(), TIMEOUT);
			assertThat(connection.get("/").status()).isEqualTo(200);
			assertThat(connection.get("/").body()).isEqualTo("ok");
			assertThat(connection.peerCertificate().getSerialNumber()).isEqualTo(first.certificate().getSerialNumber());
		}
	}

	@Test
	void rejectsKeyThatDoesNotMatchCertificateAndKeepsServingPreviousCertificate() throws Exception {
		Issued first = issue("first.example");
		writePem(this.directory, first);
		int port = start(pemBundle(this.directory));
		Issued second = issue("second.example");
		replacePem(this.directory, second);
		this.client.awaitSerial(port, second.serialHex(), TIMEOUT);
		Issued third = issue("third.example");
		Issued other = issue("other.example");
		PemFiles.replace(this.directory.resolve("tls.key"), PemFiles.pkcs8(other.keyPair().getPrivate()));
		PemFiles.replace(this.directory.resolve("tls.crt"), PemFiles.certificates(third.chain()));
		ReloadResult result = awaitResult(ReloadOutcome.REJECTED);
		assertThat(result.reason()).isEqualTo("key-match");
		assertThat(result.message()).contains("does not match certificate CN=third.example")
			.contains(this.directory.resolve("tls.key").toString());
		assertThat(result.previousCertificate().serialNumber()).isEqualTo(second.serialHex());
		for (int i = 0; i < 5; i++) {
			assertThat(this.client.servedSerial(port)).isEqualTo(second.serialHex());
			assertThat(this.client.get(port, "/").body()).isEqualTo("ok");
		}
	}

	@Test
	void clientAuthNeedIsStillEnforcedAfterReload() throws Exception {
		Issued first = issue("first.example");
		writePem(this.directory, first);
		Path ca = this.directory.resolve("ca.crt");
		Files.writeString(ca, PemFiles.certificate(this.authority.certificate()));
		int port = start(TestWebApplication.concat(pemBundle(this.directory), new String[] {
				"spring.ssl.bundle.pem.web.truststore.certificate=" + ca, "server.ssl.client-auth=need" }));
		Issued clientCertificate = this.certificates.issue(this.certificates.leaf("client"), this.authority);
		TlsClient withCertificate = this.client.withClientCertificate(clientCertificate);
		assertThat(withCertificate.get(port, "/").body()).isEqualTo("ok");
		assertThatException().isThrownBy(() -> this.client.get(port, "/"));
		Issued second = issue("second.example");
		replacePem(this.directory, second);
		withCertificate.awaitSerial(port, second.serialHex(), TIMEOUT);
		assertThat(withCertificate.get(port, "/").body()).isEqualTo("ok");
		assertThatException().isThrownBy(() -> this.client.get(port, "/"));
	}

	@Test
	void customizedHostConfigSurvivesReload() throws Exception {
		Issued first = issue("first.example");
		writePem(this.directory, first);
		int port = start(new Class<?>[] { Tls12OnlyConfiguration.class }, pemBundle(this.directory));
		assertTls12Only(port);
		Issued second = issue("second.example");
		replacePem(this.directory, second);
		this.client.withProtocols("TLSv1.2").awaitSerial(port, second.serialHex(), TIMEOUT);
		assertTls12Only(port);
	}

	private void assertTls12Only(int port) throws IOException {
		assertThatException().isThrownBy(() -> this.client.withProtocols("TLSv1.3").servedCertificate(port))
			.isInstanceOf(SSLException.class);
		try (TlsClient.Connection connection = this.client.withProtocols("TLSv1.2", "TLSv1.3").connect(port)) {
			assertThat(connection.get("/").body()).isEqualTo("ok");
			assertThat(connection.cipherSuite()).isEqualTo(Tls12OnlyConfiguration.CIPHER);
		}
	}

	private ReloadResult awaitResult(ReloadOutcome outcome) {
		return this.application.awaitLastResult("web", outcome, TIMEOUT);
	}

	private int start(String... properties) {
		return start(new Class<?>[0], properties);
	}

	private int start(Class<?>[] sources, String... properties) {
		this.application.run(sources, properties);
		return this.application.port();
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

	private static String[] pemBundle(Path directory) {
		return TestWebApplication.pemBundle("web", directory.resolve("tls.crt"), directory.resolve("tls.key"));
	}

	private static void writePem(Path directory, Issued issued) throws IOException {
		Files.writeString(directory.resolve("tls.crt"), PemFiles.certificates(issued.chain()));
		Files.writeString(directory.resolve("tls.key"), PemFiles.pkcs8(issued.keyPair().getPrivate()));
	}

	private static void replacePem(Path directory, Issued issued) {
		PemFiles.replace(directory.resolve("tls.key"), PemFiles.pkcs8(issued.keyPair().getPrivate()));
		PemFiles.replace(directory.resolve("tls.crt"), PemFiles.certificates(issued.chain()));
	}

	private static Map<String, String> secret(Issued issued) {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("tls.crt", PemFiles.certificates(issued.chain()));
		files.put("tls.key", PemFiles.pkcs8(issued.keyPair().getPrivate()));
		return files;
	}

	@Configuration(proxyBeanMethods = false)
	static class Tls12OnlyConfiguration {

		static final String CIPHER = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

		@Bean
		TomcatConnectorCustomizer tls12Only() {
			return (connector) -> {
				for (SSLHostConfig config : ((AbstractHttp11Protocol<?>) connector.getProtocolHandler())
					.findSslHostConfigs()) {
					config.setProtocols("TLSv1.2");
					config.setCiphers(CIPHER);
				}
			};
		}

	}

}
