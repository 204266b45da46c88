package io.github.hotcert.boot3.server.tomcat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLException;

import io.github.hotcert.testsupport.PemBundleDirectory;
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

import org.springframework.boot.web.embedded.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What only Tomcat needs on top of the {@link TomcatReloadContractIT reload contract}:
 * hotcert updates Tomcat's SSL host configs in place, so customizations of the host
 * config survive a reload. Proven with real handshakes on fresh connections.
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

	private void assertTls12Only(int port) throws IOException {
		assertThatException().isThrownBy(() -> this.client.withProtocols("TLSv1.3").servedCertificate(port))
			.isInstanceOf(SSLException.class);
		try (TlsClient.Connection connection = this.client.withProtocols("TLSv1.2", "TLSv1.3").connect(port)) {
			assertThat(connection.get("/").body()).isEqualTo("ok");
			assertThat(connection.cipherSuite()).isEqualTo(Tls12OnlyConfiguration.CIPHER);
		}
	}

	private int start(Class<?> configuration, String... properties) {
		this.application.run(new Class<?>[] { configuration }, TestWebApplication
			.concat(new String[] { "server.ssl.bundle=web" }, this.web.bundleProperties("web"), properties));
		return this.application.port();
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
				for (SSLHostConfig config : ((AbstractHttp11Protocol<?>) connector.getProtocolHandler())
					.findSslHostConfigs()) {
					config.setProtocols("TLSv1.2");
					config.setCiphers(CIPHER);
				}
			};
		}

	}

}
