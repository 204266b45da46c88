package io.github.hotcert.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.github.hotcert.development.DevelopmentCertificateGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the packaged sample application the way a newcomer does: {@code java -jar} in an
 * empty working directory.
 */
class SampleApplicationJarIT {

	/**
	 * How long one request or one rotation may take: generous, a first request to a
	 * freshly started application on a small, shared machine can take seconds.
	 */
	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@TempDir
	Path workingDirectory;

	private SampleApplicationProcess application;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.application != null) {
			this.application.close();
		}
	}

	@Test
	void startsFromAnEmptyDirectoryGeneratesItsCertificateAndReloadsIt() throws Exception {
		this.application = SampleApplicationProcess.start(this.workingDirectory);
		int port = this.application.httpsPort();
		Path certs = this.workingDirectory.resolve("certs");
		assertThat(certs.resolve("tls.crt")).isRegularFile();
		assertThat(certs.resolve("tls.key")).isRegularFile();
		assertThat(certs.resolve("ca.crt")).isRegularFile();
		assertThat(this.application.output()).anyMatch((line) -> line.contains("Generated a development CA"));
		// Started with the code that Spring AOT generated when the sample was processed
		// with it, with the usual reflective start otherwise
		assertThat(this.application.output().stream().anyMatch((line) -> line.contains("Starting AOT-processed")))
			.isEqualTo(SampleApplicationProcess.isAotProcessed());
		X509Certificate generated = readFirstCertificate(certs.resolve("tls.crt"));
		String body = get(port, certs.resolve("ca.crt"));
		assertThat(body).contains("CN=localhost").contains("serial:  " + generated.getSerialNumber().toString(16));

		Path staging = Files.createDirectory(this.workingDirectory.resolve("staging"));
		new DevelopmentCertificateGenerator(Clock.systemUTC(), Duration.ofDays(30)).generate(staging.resolve("tls.crt"),
				staging.resolve("tls.key"));
		X509Certificate rotated = readFirstCertificate(staging.resolve("tls.crt"));
		Files.move(staging.resolve("ca.crt"), certs.resolve("ca.crt"), StandardCopyOption.REPLACE_EXISTING);
		Files.move(staging.resolve("tls.key"), certs.resolve("tls.key"), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
		Files.move(staging.resolve("tls.crt"), certs.resolve("tls.crt"), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
		String expected = "serial:  " + rotated.getSerialNumber().toString(16);
		// The new CA is trusted only once the new certificate is served
		await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(50))
			.ignoreExceptionsInstanceOf(IOException.class)
			.untilAsserted(() -> assertThat(get(port, certs.resolve("ca.crt"))).contains(expected));
	}

	@Test
	void exposesTheCertificatesEndpointOnItsLoopbackManagementPort() throws Exception {
		this.application = SampleApplicationProcess.start(this.workingDirectory);
		int managementPort = this.application.managementPort();
		HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
		URI certificates = URI.create("http://127.0.0.1:" + managementPort + "/actuator/certificates");
		// The material served at startup is validated after the application started:
		// until
		// then the endpoint says so rather than what it does not know yet
		await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			HttpResponse<String> read = client.send(HttpRequest.newBuilder(certificates).timeout(TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(read.statusCode()).isEqualTo(200);
			assertThat(read.body()).contains("\"web\"").contains("\"validating\":false");
		});
		HttpResponse<String> read = client.send(HttpRequest.newBuilder(certificates).timeout(TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(read.body()).contains("\"subject\":\"CN=localhost\"").contains("\"trigger\":\"startup\"");
		HttpResponse<String> dryRun = client.send(HttpRequest.newBuilder(certificates)
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"dryRun\":true}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(dryRun.statusCode()).isEqualTo(200);
		assertThat(dryRun.body()).contains("\"outcome\":\"valid\"");
	}

	@Test
	@EnabledIfSystemProperty(named = "hotcert.sample.aot", matches = "true")
	void springAotProcessingGeneratedCodeButNoKeyMaterial() {
		Path basedir = Path.of(System.getProperty("basedir", "."));
		assertThat(basedir.resolve("target/spring-aot/main/sources/io/github/hotcert/sample"))
			.isDirectoryContaining((file) -> file.getFileName().toString().endsWith("__BeanDefinitions.java"));
		// The sample asks for development certificates in ./certs when the files are
		// missing: processing it ran its environment post-processors in this folder
		assertThat(basedir.resolve("certs")).doesNotExist();
	}

	private static String get(int port, Path caCertificate) throws Exception {
		KeyStore trustStore = KeyStore.getInstance("PKCS12");
		trustStore.load(null);
		trustStore.setCertificateEntry("ca", readFirstCertificate(caCertificate));
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trustStore);
		SSLContext sslContext = SSLContext.getInstance("TLS");
		sslContext.init(null, trustManagers.getTrustManagers(), null);
		HttpClient client = HttpClient.newBuilder().sslContext(sslContext).connectTimeout(TIMEOUT).build();
		HttpResponse<String> response = client.send(
				HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/")).timeout(TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static X509Certificate readFirstCertificate(Path file) throws Exception {
		try (InputStream in = Files.newInputStream(file)) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificates(in).iterator().next();
		}
	}

}
