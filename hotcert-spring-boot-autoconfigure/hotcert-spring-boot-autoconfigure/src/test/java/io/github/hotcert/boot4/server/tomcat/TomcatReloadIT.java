package io.github.hotcert.boot4.server.tomcat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLException;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.server.tomcat.SslConnectors;
import io.github.hotcert.testsupport.PemBundleDirectory;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What only Tomcat needs on top of the {@link TomcatReloadContractIT reload contract}:
 * hotcert updates Tomcat's SSL host configs in place, so customizations of the host
 * config survive a reload, and it updates every SSL connector that serves the bundle,
 * including connectors the application adds. Proven with real handshakes on fresh
 * connections.
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

	private PemBundleDirectory web;

	private Issued own;

	@BeforeEach
	void createAuthority() {
		this.authority = this.certificates.authority("hotcert test CA");
		this.web = new PemBundleDirectory(this.directory.resolve("web"));
	}

	@Test
	void customizedHostConfigSurvivesReload() throws Exception {
		this.web.write(issue("first.example"));
		int port = start(Tls12OnlyConfiguration.class);
		assertTls12Only(port);
		Issued second = issue("second.example");
		this.web.replace(second);
		this.client.withProtocols("TLSv1.2").awaitSerial(port, second.serialHex(), TIMEOUT);
		assertTls12Only(port);
	}

	@Test
	void addedConnectorThatServesTheBundleServesTheNewCertificateAfterRotation() throws Exception {
		Issued first = issue("first.example");
		this.web.write(first);
		int port = startWithAddedConnectors();
		int added = addedConnectors().servingTheBundle.getLocalPort();
		assertThat(added).isPositive().isNotEqualTo(port);
		assertThat(this.client.servedSerial(port)).isEqualTo(first.serialHex());
		assertThat(this.client.servedSerial(added)).isEqualTo(first.serialHex());
		assertThat(consumersOfWeb()).contains("tomcat https port " + port + " (default host)",
				"tomcat https port " + added + " (default host)");
		Issued second = issue("second.example");
		this.web.replace(second);
		this.client.awaitSerial(port, second.serialHex(), TIMEOUT);
		this.client.awaitSerial(added, second.serialHex(), TIMEOUT);
		assertThat(this.client.get(added, "/").body()).isEqualTo("ok");
	}

	@Test
	void addedConnectorWithItsOwnMaterialKeepsItsCertificate() throws Exception {
		this.web.write(issue("first.example"));
		int port = startWithAddedConnectors();
		int own = addedConnectors().withOwnMaterial.getLocalPort();
		assertThat(this.client.servedSerial(own)).isEqualTo(this.own.serialHex());
		Issued second = issue("second.example");
		this.web.replace(second);
		this.client.awaitSerial(port, second.serialHex(), TIMEOUT);
		this.client.awaitSerial(addedConnectors().servingTheBundle.getLocalPort(), second.serialHex(), TIMEOUT);
		assertThat(this.client.servedSerial(own)).isEqualTo(this.own.serialHex());
		assertThat(consumersOfWeb()).doesNotContain("tomcat https port " + own + " (default host)");
	}

	private void assertTls12Only(int port) throws IOException {
		assertThatException().isThrownBy(() -> this.client.withProtocols("TLSv1.3").servedCertificate(port))
			.isInstanceOf(SSLException.class);
		try (TlsClient.Connection connection = this.client.withProtocols("TLSv1.2", "TLSv1.3").connect(port)) {
			assertThat(connection.get("/").body()).isEqualTo("ok");
			assertThat(connection.cipherSuite()).isEqualTo(Tls12OnlyConfiguration.CIPHER);
		}
	}

	private int startWithAddedConnectors() {
		this.own = issue("own.example");
		PemBundleDirectory own = new PemBundleDirectory(this.directory.resolve("own")).write(this.own);
		return start(AddedConnectorsConfiguration.class, own.bundleProperties(AddedConnectorsConfiguration.OWN));
	}

	private int start(Class<?> configuration, String... properties) {
		this.application.run(new Class<?>[] { configuration }, TestWebApplication
			.concat(new String[] { "server.ssl.bundle=web" }, this.web.bundleProperties("web"), properties));
		return this.application.port();
	}

	private AddedConnectorsConfiguration addedConnectors() {
		return this.application.getBean(AddedConnectorsConfiguration.class);
	}

	private List<String> consumersOfWeb() {
		return this.application.getBean(CertificateReloader.class).getBundle("web").getConsumers();
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

	@Configuration(proxyBeanMethods = false)
	static class Tls12OnlyConfiguration {

		static final String CIPHER = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

		@Bean
		TomcatConnectorCustomizer tls12Only() {
			return (connector) -> {
				for (SSLHostConfig config : SslConnectors.protocol(connector).findSslHostConfigs()) {
					config.setProtocols("TLSv1.2");
					config.setCiphers(CIPHER);
				}
			};
		}

	}

	/**
	 * Adds two SSL connectors to the server: one built from the server's bundle, one from
	 * a bundle of its own.
	 */
	@Configuration(proxyBeanMethods = false)
	static class AddedConnectorsConfiguration {

		static final String OWN = "own";

		private volatile Connector servingTheBundle;

		private volatile Connector withOwnMaterial;

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> addedConnectors(SslBundles sslBundles) {
			return (factory) -> {
				this.servingTheBundle = SslConnectors.https(sslBundles.getBundle("web"));
				this.withOwnMaterial = SslConnectors.https(sslBundles.getBundle(OWN));
				factory.addAdditionalConnectors(this.servingTheBundle, this.withOwnMaterial);
			};
		}

	}

}
