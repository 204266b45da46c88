package io.github.hotcert.acme;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.hotcert.reload.ReloadTrigger;
import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.testsupport.FreePorts;
import io.github.hotcert.testsupport.Pebble;
import io.github.hotcert.testsupport.RequestLoad;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an ACME bundle promises on every supported web server, proven against a real ACME
 * CA (Pebble) whose HTTP-01 validation reaches the application's challenge listener, and
 * a real TLS client that opens a fresh connection for every look at the served
 * certificate. One subclass per server.
 */
public abstract class AcmeServerContract {

	protected static final String DOMAIN = "acme.hotcert.test";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final int VALIDITY_SECONDS = 24;

	private static final Log logger = LogFactory.getLog(AcmeServerContract.class);

	private static int challengePort;

	private static Pebble pebble;

	private final TlsClient client = TlsClient.create().withServerName(DOMAIN);

	@TempDir
	Path storage;

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	/**
	 * Start an application that serves {@code GET /} on this server, on port 0 and
	 * loopback.
	 * @param properties additional properties
	 * @return the application context
	 */
	protected abstract ConfigurableApplicationContext run(String... properties);

	@BeforeAll
	static void startPebble(@TempDir Path directory) {
		challengePort = FreePorts.next();
		pebble = Pebble.start(directory, VALIDITY_SECONDS, challengePort);
	}

	@AfterAll
	static void stopPebble() {
		if (pebble != null) {
			pebble.close();
		}
	}

	@Test
	void startsOnTemporaryCertificateThenServesIssuedCertificateAndRenewsItUnderLoad() throws Exception {
		int port;
		// The CA answers nothing while the application starts: startup must not wait for
		// it
		pebble.pause();
		try {
			port = start();
			X509Certificate temporary = this.client.servedCertificate(port);
			assertThat(TemporaryCertificate.isTemporary(temporary)).isTrue();
			assertThat(Pebble.dnsNames(temporary)).containsExactly(DOMAIN);
			// Still ordering, or the order timed out while the CA answers nothing
			assertThat(bundle().getStatus().getState()).isIn(AcmeState.PENDING, AcmeState.FAILING);
			assertThat(bundle().getStatus().getIssued()).isZero();
		}
		finally {
			pebble.resume();
		}
		X509Certificate issued = this.client.awaitServed(port, (served) -> !TemporaryCertificate.isTemporary(served),
				TIMEOUT);
		assertIssuedByPebble(this.client.servedChain(port));
		// The server serves the certificate before hotcert records the reload and the
		// order
		assertThat(
				this.application.awaitReloaded("web", CertificateInfo.serialNumber(issued.getSerialNumber()), TIMEOUT)
					.trigger())
			.isIn(ReloadTrigger.ACME, ReloadTrigger.WATCH, ReloadTrigger.POLL);
		AcmeBundleStatus status = await().atMost(TIMEOUT)
			.until(() -> bundle().getStatus(), (current) -> current.getLastOrder() != null
					&& current.getLastOrder().outcome() == OrderOutcome.ISSUED);
		assertThat(status.getIssued()).isEqualTo(1);
		assertThat(status.getState()).isIn(AcmeState.VALID, AcmeState.RENEWING);
		try (RequestLoad load = RequestLoad.start(this.client, port, 2)) {
			X509Certificate renewed = this.client.awaitServed(port,
					(served) -> !served.getSerialNumber().equals(issued.getSerialNumber()), TIMEOUT);
			Instant seen = Instant.now();
			assertThat(seen).as("renewed before the first certificate expired")
				.isBefore(issued.getNotAfter().toInstant());
			assertThat(renewed.getNotAfter()).isAfter(issued.getNotAfter());
			assertThat(renewed.getPublicKey()).as("a new key for each renewal").isNotEqualTo(issued.getPublicKey());
			assertIssuedByPebble(this.client.servedChain(port));
			load.close();
			logger.info("Renewal under load: %d requests, %d failed".formatted(load.succeeded(), load.failed()));
			assertThat(load.failed()).as("failed requests (first: %s)", load.firstFailure()).isZero();
			assertThat(load.succeeded()).isPositive();
		}
		// A certificate and its renewal (an order may have timed out while the CA was
		// paused)
		await().atMost(TIMEOUT).until(() -> bundle().getStatus().getIssued() >= 2);
		assertThat(bundle().getStatus().getIssued()).isEqualTo(2);
	}

	@Test
	void challengePortAnswersOnlyChallengesAndRedirectsEverythingElseToHttps() throws Exception {
		int port = start();
		HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		String base = "http://127.0.0.1:" + challengePort;
		HttpResponse<String> root = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(root.statusCode()).isEqualTo(301);
		assertThat(root.headers().firstValue("Location")).hasValue("https://127.0.0.1:" + port + "/");
		assertThat(root.body()).isEmpty();
		assertThat(plainRequest("GET /orders/7?sort=date HTTP/1.1", DOMAIN + ":80")).contains("HTTP/1.1 301")
			.contains("Location: https://" + DOMAIN + ":" + port + "/orders/7?sort=date");
		assertThat(plainRequest("GET / HTTP/1.1", "<script>")).as("an unusable Host header")
			.contains("Location: https://" + DOMAIN + ":" + port + "/");
		HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/orders"))
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(post.statusCode()).as("a redirect that keeps the method").isEqualTo(308);
		for (String token : List.of("unknown-token", "..%2F..%2Fetc%2Fpasswd", "a.b")) {
			HttpResponse<String> challenge = http.send(
					HttpRequest.newBuilder(URI.create(base + HttpChallengeListener.PATH + token)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(challenge.statusCode()).as("challenge %s", token).isEqualTo(404);
			assertThat(challenge.body()).isEmpty();
		}
		assertThat(this.client.get(port, "/").body()).as("the application itself, over HTTPS").isEqualTo("ok");
	}

	private static String plainRequest(String requestLine, String host) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", challengePort)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write((requestLine + "\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
		}
	}

	private int start() {
		this.application.start(() -> run(TestWebApplication.concat(
				new String[] { "server.ssl.bundle=web", "hotcert.acme.bundle.web.retry-initial-interval=1s",
						// Renewed when half the lifetime is left: 12 seconds under load
						"hotcert.acme.bundle.web.renewal-ratio=0.5" },
				pebble.bundleProperties("web", this.storage, DOMAIN))));
		return this.application.port();
	}

	private AcmeBundle bundle() {
		return this.application.getBean(AcmeBundles.class).getBundle("web");
	}

	private static void assertIssuedByPebble(List<X509Certificate> chain) throws Exception {
		pebble.validate(chain);
		assertThat(Pebble.dnsNames(chain.get(0))).containsExactly(DOMAIN);
	}

}
