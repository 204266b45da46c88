package io.github.hotcert.acme;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for the orders of {@link Acme4jClient} that say which certificate they replace,
 * against a CA on loopback that speaks just enough ACME for an order: it offers renewal
 * information, and refuses an order that says what it replaces with the problem type the
 * test chooses. Pebble, which the other tests use, offers no renewal information.
 */
class Acme4jClientReplacesTests {

	private static final String ACME_ERROR = "urn:ietf:params:acme:error:";

	private static final Pattern PAYLOAD = Pattern.compile("\"payload\"\\s*:\\s*\"([A-Za-z0-9_-]*)\"");

	private final TestCertificates certificates = TestCertificates.now();

	private final Issued authority = this.certificates.authority("Test CA");

	@TempDir
	Path directory;

	private final List<String> orders = new CopyOnWriteArrayList<>();

	private final AtomicInteger nonces = new AtomicInteger();

	private volatile String refusal;

	private HttpServer server;

	private String base;

	@BeforeEach
	void startCa() throws IOException {
		Files.createDirectories(this.directory.resolve("storage"));
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		this.server.createContext("/", this::handle);
		this.server.start();
		this.base = "http://127.0.0.1:%d".formatted(this.server.getAddress().getPort());
	}

	@AfterEach
	void stopCa() {
		this.server.stop(0);
	}

	@Test
	void ordersACertificateThatReplacesNoneWhenAnotherOrderReplacedItAlready() throws Exception {
		this.refusal = "alreadyReplaced";
		Issued served = issue();
		List<X509Certificate> chain = client().order(AcmeKeyType.EC_P256.generate(), served.certificate());
		assertThat(chain).hasSize(2);
		assertThat(chain.get(0).getSubjectX500Principal().getName()).isEqualTo("CN=web.example");
		assertThat(this.orders).hasSize(2);
		assertThat(this.orders.get(0)).as("the first order").contains("\"replaces\"");
		assertThat(this.orders.get(1)).as("the order made again").doesNotContain("\"replaces\"");
	}

	@Test
	void ordersOnlyOnceWhenTheCaRefusesAnOrderForAnotherReason() throws Exception {
		this.refusal = "unauthorized";
		Issued served = issue();
		Acme4jClient client = client();
		AcmeFailure failure = catchThrowableOfType(AcmeFailure.class,
				() -> client.order(AcmeKeyType.EC_P256.generate(), served.certificate()));
		assertThat(failure).isNotNull();
		assertThat(failure.getReason()).isEqualTo("unauthorized");
		assertThat(this.orders).singleElement().asString().contains("\"replaces\"");
	}

	@Test
	void ordersWithoutReplacingWhenNothingIsServed() throws Exception {
		this.refusal = "alreadyReplaced";
		assertThat(client().order(AcmeKeyType.EC_P256.generate(), null)).hasSize(2);
		assertThat(this.orders).singleElement().asString().doesNotContain("\"replaces\"");
	}

	private Issued issue() throws Exception {
		// Renewal information names a certificate by its issuer's key identifier
		return this.certificates.issue(
				this.certificates.leaf("web.example")
					.extension(Extension.authorityKeyIdentifier.getId(), false,
							new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(this.authority.certificate())),
				this.authority);
	}

	private Acme4jClient client() {
		AcmeBundleSettings defaults = TestAcmeBundles.settings("web", this.directory.resolve("storage"));
		AcmeBundleSettings settings = new AcmeBundleSettings("web", URI.create(this.base + "/directory"),
				List.of("web.example"), null, defaults.storage(), ChallengeType.HTTP_01, null, 80, null, null,
				AcmeKeyType.EC_P256, null, null, 1.0 / 3, false, Duration.ofMinutes(5), defaults.retry(),
				defaults.lockTimeout());
		return new Acme4jClient(settings, new AcmeStorage(this.directory.resolve("storage")), () -> null, null,
				Clock.systemUTC());
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getResponseHeaders().set("Replay-Nonce", "nonce" + this.nonces.incrementAndGet());
			String path = exchange.getRequestURI().getPath();
			switch (path) {
				case "/directory" -> json(exchange, 200, """
						{"newNonce": "%1$s/nonce", "newAccount": "%1$s/account", "newOrder": "%1$s/order",
						 "renewalInfo": "%1$s/renewal-info", "meta": {}}""".formatted(this.base));
				case "/nonce" -> exchange.sendResponseHeaders(200, -1);
				case "/account" -> {
					exchange.getResponseHeaders().set("Location", this.base + "/account/1");
					json(exchange, 201, "{\"status\": \"valid\"}");
				}
				case "/order" -> order(exchange);
				case "/order/1" -> json(exchange, 200, order());
				case "/certificate/1" -> {
					Issued issued = this.certificates.issue(this.certificates.leaf("web.example"), this.authority);
					byte[] body = PemFiles.certificates(issued.chain()).getBytes(StandardCharsets.US_ASCII);
					exchange.getResponseHeaders().set("Content-Type", "application/pem-certificate-chain");
					send(exchange, 200, body);
				}
				default -> exchange.sendResponseHeaders(404, -1);
			}
		}
	}

	private void order(HttpExchange exchange) throws IOException {
		String payload = payload(exchange);
		this.orders.add(payload);
		if (payload.contains("\"replaces\"")) {
			exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
			send(exchange, 409, """
					{"type": "%s%s", "detail": "refused by the test"}""".formatted(ACME_ERROR, this.refusal)
				.getBytes(StandardCharsets.UTF_8));
			return;
		}
		exchange.getResponseHeaders().set("Location", this.base + "/order/1");
		json(exchange, 201, order());
	}

	private String order() {
		return """
				{"status": "valid", "identifiers": [{"type": "dns", "value": "web.example"}],
				 "authorizations": [], "finalize": "%1$s/order/1/finalize",
				 "certificate": "%1$s/certificate/1"}""".formatted(this.base);
	}

	/**
	 * Return the payload of a request signed as ACME signs them (JWS in flattened JSON).
	 */
	private static String payload(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Matcher payload = PAYLOAD.matcher(body);
		assertThat(payload.find()).as("a signed request: %s", body).isTrue();
		return new String(Base64.getUrlDecoder().decode(payload.group(1)), StandardCharsets.UTF_8);
	}

	private static void json(HttpExchange exchange, int status, String json) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		send(exchange, status, json.getBytes(StandardCharsets.UTF_8));
	}

	private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
