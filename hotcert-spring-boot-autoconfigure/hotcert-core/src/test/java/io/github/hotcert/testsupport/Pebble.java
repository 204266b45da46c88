package io.github.hotcert.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Assumptions;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real ACME CA for tests: Debian's {@code pebble} and {@code pebble-challtestsrv},
 * started on free loopback ports. Pebble gets a TLS certificate made in the test
 * (Debian's package has none), whose CA the application trusts through an SSL bundle. Its
 * challenge server is Pebble's DNS server and answers {@code 127.0.0.1} for every name,
 * so that Pebble's real HTTP-01 validation reaches the application's challenge listener
 * on loopback; DNS-01 TXT records are set through its management API. Random validation
 * delays are off ({@code PEBBLE_VA_NOSLEEP}) and every order is validated again
 * ({@code PEBBLE_AUTHZREUSE=0}). Pebble's CA changes at every start.
 * <p>
 * Without the tools the tests are skipped, unless {@code CI=true}, where they fail.
 */
public final class Pebble implements AutoCloseable {

	private static final Pattern ORDER = Pattern.compile("POST /order-plz");

	private final Path directory;

	private final int validitySeconds;

	private final int httpPort;

	private final Map<String, String> externalAccountKeys;

	private final Path trustFile;

	private final SSLContext trust;

	private final int listenPort = FreePorts.next();

	private final int managementPort = FreePorts.next();

	private final int dnsPort = FreePorts.next();

	private final int challengeManagementPort = FreePorts.next();

	private final List<Path> logs = new ArrayList<>();

	private Process pebble;

	private Process challengeServer;

	private int starts;

	private Pebble(Path directory, int validitySeconds, int httpPort, Map<String, String> externalAccountKeys) {
		this.directory = directory;
		this.validitySeconds = validitySeconds;
		this.httpPort = httpPort;
		this.externalAccountKeys = externalAccountKeys;
		TestCertificates certificates = TestCertificates.now();
		TestCertificates.Issued authority = certificates.authority("Pebble TLS test CA");
		TestCertificates.Issued tls = certificates
			.issue(certificates.leaf("localhost").subjectAlternativeNames("localhost", "127.0.0.1"), authority);
		try {
			Files.createDirectories(directory);
			Files.writeString(directory.resolve("tls.crt"), PemFiles.certificates(tls.chain()));
			Files.writeString(directory.resolve("tls.key"), PemFiles.pkcs8(tls.keyPair().getPrivate()));
			this.trustFile = directory.resolve("ca.crt");
			Files.writeString(this.trustFile, PemFiles.certificate(authority.certificate()));
			this.trust = sslContext(authority.certificate());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Skip the calling test when Pebble is not installed, or fail it on CI.
	 */
	public static void assumeInstalled() {
		for (String tool : List.of("pebble", "pebble-challtestsrv")) {
			if (findOnPath(tool) == null) {
				String message = tool + " is not installed (Debian: apt-get install pebble)";
				if ("true".equalsIgnoreCase(System.getenv("CI"))) {
					fail(message + "; it is required on CI");
				}
				Assumptions.abort(message + ": skipping the tests against a real ACME CA");
			}
		}
	}

	/**
	 * Start Pebble.
	 * @param directory a directory for its configuration and logs
	 * @param validitySeconds the validity of the certificates it issues
	 * @param httpPort the port of every domain that its HTTP-01 validation connects to
	 * @return the running Pebble
	 */
	public static Pebble start(Path directory, int validitySeconds, int httpPort) {
		return start(directory, validitySeconds, httpPort, Map.of());
	}

	/**
	 * Start Pebble that requires an external account binding.
	 * @param directory a directory for its configuration and logs
	 * @param validitySeconds the validity of the certificates it issues
	 * @param httpPort the port of every domain that its HTTP-01 validation connects to
	 * @param externalAccountKeys the MAC keys of the external accounts, by key
	 * identifier; none to require no binding
	 * @return the running Pebble
	 */
	public static Pebble start(Path directory, int validitySeconds, int httpPort,
			Map<String, String> externalAccountKeys) {
		assumeInstalled();
		Pebble pebble = new Pebble(directory, validitySeconds, httpPort, externalAccountKeys);
		pebble.startProcesses();
		return pebble;
	}

	public String directoryUrl() {
		return "https://127.0.0.1:%d/dir".formatted(this.listenPort);
	}

	/**
	 * Return the file of the CA certificate that verifies Pebble's TLS certificate.
	 */
	public Path trustFile() {
		return this.trustFile;
	}

	/**
	 * Return the properties of an application whose ACME bundle {@code name} orders from
	 * this Pebble over HTTP-01, trusting it through an SSL bundle named {@code pebble}.
	 */
	public String[] bundleProperties(String name, Path storage, String... domains) {
		String prefix = "hotcert.acme.bundle." + name + ".";
		return new String[] { prefix + "directory-url=" + directoryUrl(),
				prefix + "domains=" + String.join(",", domains), prefix + "terms-of-service-agreed=true",
				prefix + "storage=" + storage, prefix + "http-challenge-port=" + this.httpPort,
				prefix + "http-challenge-address=127.0.0.1", prefix + "directory-ssl-bundle=pebble",
				"spring.ssl.bundle.pem.pebble.truststore.certificate=" + this.trustFile };
	}

	/**
	 * Return the root certificate of the CA that issues certificates now (from the
	 * management port's {@code /roots/0}).
	 */
	public X509Certificate root() {
		String pem = get("https://127.0.0.1:%d/roots/0".formatted(this.managementPort));
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Pebble's root certificate cannot be read", ex);
		}
	}

	/**
	 * Validate a certificate chain, leaf first, as a TLS client does, with Pebble's
	 * current root as the trust anchor.
	 * @param chain the chain
	 * @throws java.security.GeneralSecurityException if it does not validate
	 */
	public void validate(List<X509Certificate> chain) throws java.security.GeneralSecurityException {
		java.security.cert.PKIXParameters parameters = new java.security.cert.PKIXParameters(
				java.util.Set.of(new java.security.cert.TrustAnchor(root(), null)));
		parameters.setRevocationEnabled(false);
		java.security.cert.CertPathValidator.getInstance("PKIX")
			.validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
	}

	/**
	 * Return the DNS names of a certificate's subject alternative names.
	 */
	public static List<String> dnsNames(X509Certificate certificate) {
		try {
			List<String> names = new ArrayList<>();
			if (certificate.getSubjectAlternativeNames() != null) {
				for (List<?> name : certificate.getSubjectAlternativeNames()) {
					if (Integer.valueOf(2).equals(name.get(0))) {
						names.add((String) name.get(1));
					}
				}
			}
			return names;
		}
		catch (java.security.cert.CertificateParsingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return how many orders Pebble received since it was created, read from its logs.
	 */
	public int orders() {
		int orders = 0;
		for (Path log : this.logs) {
			try {
				Matcher matcher = ORDER.matcher(Files.readString(log));
				while (matcher.find()) {
					orders++;
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return orders;
	}

	/**
	 * Set the TXT record that Pebble's DNS server answers for a name.
	 */
	public void setTxt(String name, String value) {
		post("/set-txt", "{\"host\":\"%s\",\"value\":\"%s\"}".formatted(name, value));
	}

	/**
	 * Remove the TXT records of a name.
	 */
	public void clearTxt(String name) {
		post("/clear-txt", "{\"host\":\"%s\"}".formatted(name));
	}

	/**
	 * Stop Pebble (its challenge server keeps running).
	 */
	public void stop() {
		stop(this.pebble);
		this.pebble = null;
	}

	/**
	 * Start Pebble again, with a new CA.
	 */
	public void restart() {
		stop();
		this.pebble = startPebble();
	}

	/**
	 * Suspend Pebble's process: it accepts connections and answers nothing until
	 * {@link #resume()}.
	 */
	public void pause() {
		signal("-STOP");
	}

	public void resume() {
		signal("-CONT");
	}

	@Override
	public void close() {
		if (this.pebble != null) {
			resume();
		}
		stop(this.pebble);
		stop(this.challengeServer);
	}

	private void startProcesses() {
		this.challengeServer = launch(List.of("pebble-challtestsrv", "-dns01", "127.0.0.1:" + this.dnsPort,
				"-management", "127.0.0.1:" + this.challengeManagementPort, "-defaultIPv4", "127.0.0.1", "-defaultIPv6",
				"", "-http01", "", "-https01", "", "-tlsalpn01", ""), "challtestsrv", Map.of());
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(50))
			.ignoreExceptions()
			.until(() -> plainStatus("http://127.0.0.1:%d/".formatted(this.challengeManagementPort)) > 0);
		this.pebble = startPebble();
	}

	private Process startPebble() {
		Path config = this.directory.resolve("pebble-config.json");
		StringBuilder keys = new StringBuilder();
		this.externalAccountKeys.forEach(
				(id, key) -> keys.append((keys.length() > 0) ? "," : "").append("\"%s\":\"%s\"".formatted(id, key)));
		String json = """
				{"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
				 "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d, "ocspResponderURL": "",
				 "externalAccountBindingRequired": %s, "externalAccountMACKeys": {%s},
				 "certificateValidityPeriod": %d}}
				""".formatted(this.listenPort, this.managementPort, this.directory.resolve("tls.crt"),
				this.directory.resolve("tls.key"), this.httpPort, FreePorts.next(), !this.externalAccountKeys.isEmpty(),
				keys, this.validitySeconds);
		try {
			Files.writeString(config, json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("PEBBLE_VA_NOSLEEP", "1");
		environment.put("PEBBLE_WFE_NONCEREJECT", "0");
		environment.put("PEBBLE_AUTHZREUSE", "0");
		Process process = launch(
				List.of("pebble", "-config", config.toString(), "-dnsserver", "127.0.0.1:" + this.dnsPort),
				"pebble-" + (++this.starts), environment);
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(50))
			.ignoreExceptions()
			.until(() -> get(directoryUrl()).contains("newOrder"));
		return process;
	}

	private Process launch(List<String> command, String name, Map<String, String> environment) {
		Path log = this.directory.resolve(name + ".log");
		this.logs.add(log);
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		try {
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Unable to start " + command, ex);
		}
	}

	private void signal(String signal) {
		if (this.pebble == null) {
			return;
		}
		try {
			Process kill = new ProcessBuilder("kill", signal, Long.toString(this.pebble.pid())).start();
			kill.waitFor(10, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void stop(Process process) {
		if (process == null) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String get(String url) {
		try {
			HttpResponse<String> response = HttpClient.newBuilder()
				.sslContext(this.trust)
				.connectTimeout(Duration.ofSeconds(5))
				.build()
				.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
						HttpResponse.BodyHandlers.ofString());
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void post(String path, String body) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:%d%s".formatted(this.challengeManagementPort, path)))
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("pebble-challtestsrv answered %d to %s: %s"
					.formatted(response.statusCode(), path, response.body()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int plainStatus(String url) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private static SSLContext sslContext(X509Certificate authority) {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null);
			store.setCertificateEntry("pebble", authority);
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

	private static Path findOnPath(String name) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, name);
			if (!directory.isEmpty() && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

}
