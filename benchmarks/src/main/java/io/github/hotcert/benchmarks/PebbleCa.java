package io.github.hotcert.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Debian's {@code pebble} ACME test CA and its {@code pebble-challtestsrv}, on free
 * loopback ports: the challenge server is Pebble's DNS server and resolves every name to
 * 127.0.0.1, so that Pebble's HTTP-01 validation reaches the sample application's
 * challenge listener. Pebble's TLS certificate is issued by the run's certificate
 * authority. Its random validation delays are off ({@code PEBBLE_VA_NOSLEEP=1}).
 */
final class PebbleCa implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

	private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

	private final Path directory;

	private final int listenPort = freePort();

	private final int managementPort = freePort();

	private final int challengePort;

	private final SSLContext trust;

	private final List<Process> processes = new ArrayList<>();

	private PebbleCa(Path directory, CertificateAuthority authority, int challengePort) throws IOException {
		this.directory = Files.createDirectories(directory);
		this.challengePort = challengePort;
		CertificateAuthority.Material tls = authority.issue();
		Files.writeString(directory.resolve("tls.crt"), tls.certificatePem());
		Files.writeString(directory.resolve("tls.key"), tls.privateKeyPem());
		Files.writeString(trustFile(), tls.certificatePem());
		this.trust = sslContext(authority.certificate());
	}

	/**
	 * Start Pebble.
	 * @param directory where its configuration and logs go
	 * @param authority the authority that issues Pebble's TLS certificate
	 * @return the running CA
	 * @throws IOException if it does not start
	 */
	static PebbleCa start(Path directory, CertificateAuthority authority) throws IOException {
		PebbleCa pebble = new PebbleCa(directory, authority, freePort());
		try {
			pebble.startProcesses();
			return pebble;
		}
		catch (IOException | RuntimeException ex) {
			pebble.close();
			throw ex;
		}
	}

	String directoryUrl() {
		return "https://127.0.0.1:%d/dir".formatted(this.listenPort);
	}

	/**
	 * Return the port of every domain that Pebble's HTTP-01 validation connects to.
	 */
	int challengePort() {
		return this.challengePort;
	}

	/**
	 * Return the file that holds Pebble's TLS certificate and the authority that issued
	 * it, for the application's trust store.
	 */
	Path trustFile() {
		return this.directory.resolve("trust.crt");
	}

	/**
	 * Return Pebble's current root certificate, which issued chains validate to.
	 */
	X509Certificate root() throws IOException {
		String pem = get("https://127.0.0.1:%d/roots/0".formatted(this.managementPort));
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (Exception ex) {
			throw new IOException("Pebble's root certificate cannot be read", ex);
		}
	}

	private void startProcesses() throws IOException {
		int dnsPort = freePort();
		int challengeManagementPort = freePort();
		launch("challtestsrv",
				List.of("pebble-challtestsrv", "-dns01", "127.0.0.1:" + dnsPort, "-management",
						"127.0.0.1:" + challengeManagementPort, "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "",
						"-http01", "", "-https01", "", "-tlsalpn01", ""));
		Path config = this.directory.resolve("pebble-config.json");
		Files.writeString(config, """
				{"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
				 "certificate": "tls.crt", "privateKey": "tls.key", "httpPort": %d, "tlsPort": %d,
				 "ocspResponderURL": "", "externalAccountBindingRequired": false}}
				""".formatted(this.listenPort, this.managementPort, this.challengePort, freePort()));
		launch("pebble", List.of("pebble", "-config", config.toString(), "-dnsserver", "127.0.0.1:" + dnsPort));
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (true) {
			try (Socket socket = new Socket("127.0.0.1", this.listenPort)) {
				if (get(directoryUrl()).contains("newOrder")) {
					return;
				}
			}
			catch (IOException ex) {
				if (System.nanoTime() > deadline) {
					throw new IOException("Pebble did not start; see " + this.directory.resolve("pebble.log"), ex);
				}
			}
			Workbench.pause(Duration.ofMillis(50));
		}
	}

	private void launch(String name, List<String> command) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.directory.resolve(name + ".log").toFile());
		builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
		builder.environment().put("PEBBLE_AUTHZREUSE", "0");
		try {
			this.processes.add(builder.start());
		}
		catch (IOException ex) {
			throw new IOException("Unable to start %s: is Debian's pebble package installed?".formatted(command.get(0)),
					ex);
		}
	}

	private String get(String url) throws IOException {
		try {
			return HttpClient.newBuilder()
				.sslContext(this.trust)
				.connectTimeout(Duration.ofSeconds(5))
				.build()
				.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

	@Override
	public void close() {
		for (Process process : this.processes) {
			process.destroy();
			try {
				if (!process.waitFor(10, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static SSLContext sslContext(X509Certificate authority) {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null);
			store.setCertificateEntry("ca", authority);
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(store);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return a free port that no other call gave: the kernel may give the same ephemeral
	 * port to two sockets bound one after the other.
	 */
	private static int freePort() {
		while (true) {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			if (handedOut.add(port)) {
				return port;
			}
		}
	}

}
