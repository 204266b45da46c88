package io.github.hotcert.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.github.hotcert.development.DevelopmentCertificateGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged sample application the way a newcomer does: {@code java -jar} in an
 * empty working directory.
 */
class SampleApplicationJarIT {

	private static final Pattern HTTPS_PORT = Pattern.compile("started on port[s()]* (\\d+) \\(https\\)");

	private static final Pattern MANAGEMENT_PORT = Pattern.compile("started on port[s()]* (\\d+) \\(http\\)");

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	/**
	 * How long one request or one rotation may take: generous, a first request to a
	 * freshly started application on a small, shared machine can take seconds.
	 */
	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@TempDir
	Path workingDirectory;

	private Process process;

	private final List<String> output = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() throws InterruptedException {
		if (this.process != null) {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
	}

	@Test
	void startsFromAnEmptyDirectoryGeneratesItsCertificateAndReloadsIt() throws Exception {
		int port = start();
		Path certs = this.workingDirectory.resolve("certs");
		assertThat(certs.resolve("tls.crt")).isRegularFile();
		assertThat(certs.resolve("tls.key")).isRegularFile();
		assertThat(certs.resolve("ca.crt")).isRegularFile();
		assertThat(this.output).anyMatch((line) -> line.contains("Generated a development CA"));
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
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		String rotatedBody = null;
		while (System.nanoTime() < deadline) {
			try {
				rotatedBody = get(port, certs.resolve("ca.crt"));
				if (rotatedBody.contains(expected)) {
					break;
				}
			}
			catch (IOException ex) {
				// The new CA is trusted only once the new certificate is served
			}
			Thread.sleep(50);
		}
		assertThat(rotatedBody).contains(expected);
	}

	@Test
	void exposesTheCertificatesEndpointOnItsLoopbackManagementPort() throws Exception {
		start();
		int managementPort = awaitPort(MANAGEMENT_PORT);
		HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
		URI certificates = URI.create("http://127.0.0.1:" + managementPort + "/actuator/certificates");
		HttpResponse<String> read = client.send(HttpRequest.newBuilder(certificates).timeout(TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).contains("\"web\"").contains("\"subject\":\"CN=localhost\"");
		HttpResponse<String> dryRun = client.send(HttpRequest.newBuilder(certificates)
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"dryRun\":true}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(dryRun.statusCode()).isEqualTo(200);
		assertThat(dryRun.body()).contains("\"outcome\":\"valid\"");
	}

	private int awaitPort(Pattern pattern) throws InterruptedException {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			for (String line : this.output) {
				Matcher matcher = pattern.matcher(line);
				if (matcher.find()) {
					return Integer.parseInt(matcher.group(1));
				}
			}
			Thread.sleep(100);
		}
		throw new AssertionError("No line matched " + pattern + ":\n" + String.join("\n", this.output));
	}

	private int start() throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-jar");
		command.add(jar().toString());
		command.add("--server.port=0");
		command.add("--management.server.port=0");
		this.process = new ProcessBuilder(command).directory(this.workingDirectory.toFile())
			.redirectErrorStream(true)
			.start();
		Thread reader = new Thread(() -> read(this.process.getInputStream()), "sample-app-output");
		reader.setDaemon(true);
		reader.start();
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			for (String line : this.output) {
				Matcher matcher = HTTPS_PORT.matcher(line);
				if (matcher.find()) {
					return Integer.parseInt(matcher.group(1));
				}
			}
			if (!this.process.isAlive()) {
				throw new AssertionError("The sample application exited:\n" + String.join("\n", this.output));
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The sample application did not start:\n" + String.join("\n", this.output));
	}

	private void read(InputStream stream) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.output.add(line);
			}
		}
		catch (IOException ex) {
			// The process ended
		}
	}

	private static Path jar() {
		String basedir = System.getProperty("basedir", ".");
		Path jar = Path.of(basedir, "target", "sample-app.jar").toAbsolutePath();
		assertThat(jar).as("the packaged sample application").isRegularFile();
		return jar;
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
