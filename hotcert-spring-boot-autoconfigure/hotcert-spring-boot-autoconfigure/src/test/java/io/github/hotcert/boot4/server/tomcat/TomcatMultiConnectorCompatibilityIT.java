package io.github.hotcert.boot4.server.tomcat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.hotcert.compatibility.WithAndWithoutHotcert;
import io.github.hotcert.config.BundleDiscovery;
import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.StartupValidation;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's smoke test {@code spring-boot-smoke-test-tomcat-multi-connectors}, with
 * hotcert and without it: an HTTPS connector from {@code server.ssl.*} and a plain HTTP
 * connector added to the factory answer the same. With hotcert, a rotation reaches the
 * HTTPS connector while the HTTP connector keeps answering.
 */
class TomcatMultiConnectorCompatibilityIT {

	private final TestCertificates certificates = TestCertificates.now();

	private final TlsClient tls = TlsClient.create();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@TempDir
	Path directory;

	private Issued authority;

	private Issued first;

	private Path keyStore;

	@BeforeEach
	void writeKeyStore() throws Exception {
		this.authority = this.certificates.authority("hotcert multi-connector CA");
		this.first = issue("first.example");
		this.keyStore = this.directory.resolve("sample.jks");
		Files.write(this.keyStore, keyStore(this.first));
	}

	@Test
	void bothConnectorsAnswerTheSameWithAndWithoutHotcert() throws Exception {
		Seen without = observe(WithAndWithoutHotcert.WITHOUT);
		Seen with = observe();
		assertThat(without).isEqualTo(new Seen(this.first.serialHex(), 200, "ok", 200, "ok"));
		assertThat(with).isEqualTo(without);
	}

	@Test
	void rotationReachesTheHttpsConnectorWhileTheHttpConnectorKeepsAnswering() throws Exception {
		try (ConfigurableApplicationContext context = run()) {
			int https = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			int plain = context.getBean(Ports.class).http;
			assertThat(this.tls.servedSerial(https)).isEqualTo(this.first.serialHex());
			StartupValidation.awaitDone(context);
			Issued second = issue("second.example");
			PemFiles.replace(this.keyStore, keyStore(second));
			this.tls.awaitSerial(https, second.serialHex(), Duration.ofSeconds(20));
			assertThat(this.tls.get(https, "/").body()).isEqualTo("ok");
			assertThat(get(plain).body()).isEqualTo("ok");
			assertThat(context.getBean(CertificateReloader.class)
				.getBundle(BundleDiscovery.SERVER_SSL_BUNDLE_NAME)
				.getConsumers()).containsExactly("tomcat https port " + https + " (default host)");
		}
	}

	private Seen observe(String... properties) throws Exception {
		try (ConfigurableApplicationContext context = run(properties)) {
			int https = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			HttpResponse<String> plain = get(context.getBean(Ports.class).http);
			TlsClient.Response secure = this.tls.get(https, "/");
			return new Seen(this.tls.servedSerial(https), secure.status(), secure.body(), plain.statusCode(),
					plain.body());
		}
	}

	private ConfigurableApplicationContext run(String... properties) {
		return TestWebApplication
			.run(new Class<?>[] { TwoConnectors.class },
					TestWebApplication.concat(
							new String[] { "server.ssl.key-store=" + this.keyStore,
									"server.ssl.key-store-password=secret", "server.ssl.key-password=password" },
							properties));
	}

	private HttpResponse<String> get(int port) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

	private static byte[] keyStore(Issued issued) {
		return PemFiles.keyStore("JKS", "spring-boot-ssl-sample", issued, "secret", "password");
	}

	record Seen(String servedSerial, int httpsStatus, String httpsBody, int httpStatus, String httpBody) {

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoConnectors {

		@Bean
		TomcatServletWebServerFactory tomcatServletWebServerFactory() {
			TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
			Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
			connector.setPort(0);
			connector.setProperty("address", "127.0.0.1");
			factory.addAdditionalConnectors(connector);
			return factory;
		}

		@Bean
		Ports ports() {
			return new Ports();
		}

	}

	/**
	 * The port of the plain HTTP connector, as the smoke test finds it.
	 */
	static class Ports implements ApplicationListener<WebServerInitializedEvent> {

		private volatile int http;

		@Override
		public void onApplicationEvent(WebServerInitializedEvent event) {
			for (Connector connector : ((TomcatWebServer) event.getWebServer()).getTomcat()
				.getService()
				.findConnectors()) {
				if (!connector.getSecure()) {
					this.http = connector.getLocalPort();
				}
			}
		}

	}

}
