package io.github.hotcert.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.hotcert.actuate.ActuatorClient.Response;
import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadRequest;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.ReloadTrigger;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code certificates} endpoint over real HTTP, on a management port bound to
 * loopback, in front of a real embedded Tomcat whose served certificate is read with real
 * handshakes. The file watcher waits ten minutes unless a test says otherwise, so that
 * only the requests of the test reload.
 */
class CertificatesEndpointIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String OPEN_ACCESS = "management.endpoint.certificates.access=unrestricted";

	private final TestCertificates certificates = TestCertificates.now();

	private final TlsClient tls = TlsClient.create();

	@TempDir
	Path directory;

	private Issued authority;

	private Issued first;

	private ConfigurableApplicationContext context;

	private int port;

	private ActuatorClient actuator;

	@BeforeEach
	void writeFirstCertificate() throws IOException {
		this.authority = this.certificates.authority("hotcert test CA");
		this.first = issue("first.example");
		Files.writeString(this.directory.resolve("tls.crt"), PemFiles.certificates(this.first.chain()));
		Files.writeString(this.directory.resolve("tls.key"), PemFiles.pkcs8(this.first.keyPair().getPrivate()));
	}

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void getDescribesServedCertificateSourceConsumersAndHistory() throws Exception {
		start();
		Response response = this.actuator.get("/actuator/certificates");
		assertThat(response.status()).isEqualTo(200);
		JsonNode web = response.json().path("bundles").path("web");
		JsonNode leaf = web.path("served").path("chain").path(0);
		X509Certificate certificate = this.first.certificate();
		assertThat(leaf.path("subject").asText()).isEqualTo("CN=first.example");
		assertThat(leaf.path("issuer").asText()).isEqualTo("CN=hotcert test CA");
		assertThat(leaf.path("serialNumber").asText()).isEqualTo(this.first.serialHex());
		assertThat(Instant.parse(leaf.path("notBefore").asText())).isEqualTo(certificate.getNotBefore().toInstant());
		assertThat(Instant.parse(leaf.path("notAfter").asText())).isEqualTo(certificate.getNotAfter().toInstant());
		assertThat(leaf.path("secondsUntilExpiry").asLong()).isBetween(Duration.ofDays(89).toSeconds(),
				Duration.ofDays(90).toSeconds());
		assertThat(leaf.path("expired").asBoolean()).isFalse();
		assertThat(texts(leaf.path("subjectAlternativeNames"))).containsExactly("DNS:localhost", "IP:127.0.0.1");
		assertThat(leaf.path("sha256Fingerprint").asText()).isEqualTo(sha256(certificate.getEncoded()));
		assertThat(leaf.path("keyAlgorithm").asText()).isEqualTo("EC");
		assertThat(leaf.path("keySize").asInt()).isEqualTo(256);
		assertThat(texts(leaf.path("extendedKeyUsage"))).containsExactly("serverAuth", "clientAuth");
		assertThat(web.path("served").path("chain").path(1).path("subject").asText()).isEqualTo("CN=hotcert test CA");
		assertThat(texts(web.path("served").path("chain").path(1).path("keyUsage"))).contains("keyCertSign");
		JsonNode source = web.path("source");
		assertThat(source.path("type").asText()).isEqualTo("pem");
		JsonNode location = source.path("locations").path(0);
		assertThat(location.path("property").asText()).isEqualTo("spring.ssl.bundle.pem.web.keystore.certificate");
		assertThat(location.path("path").asText()).isEqualTo(this.directory.resolve("tls.crt").toString());
		assertThat(location.path("sha256").asText())
			.isEqualTo(sha256(Files.readAllBytes(this.directory.resolve("tls.crt"))));
		assertThat(Instant.parse(location.path("lastModified").asText()))
			.isEqualTo(Files.getLastModifiedTime(this.directory.resolve("tls.crt")).toInstant());
		assertThat(source.path("locations").path(1).path("path").asText())
			.isEqualTo(this.directory.resolve("tls.key").toString());
		assertThat(source.path("contentHash").asText()).isEqualTo(web.path("served").path("contentHash").asText());
		assertThat(source.path("differsFromServed").asBoolean()).isFalse();
		assertThat(texts(web.path("consumers"))).containsExactly("tomcat https port " + this.port + " (default host)");
		assertThat(web.path("lastReload").path("trigger").asText()).isEqualTo("startup");
		assertThat(web.path("lastReload").path("outcome").asText()).isEqualTo("unchanged");
		assertThat(web.path("reloads").asLong()).isZero();
		assertThat(web.path("rejections").asLong()).isZero();
		assertThat(web.path("history")).hasSize(1);

		Issued second = issue("second.example");
		replacePem(second);
		JsonNode changed = this.actuator.get("/actuator/certificates").json().path("bundles").path("web");
		assertThat(changed.path("source").path("differsFromServed").asBoolean()).isTrue();
		assertThat(changed.path("served").path("chain").path(0).path("serialNumber").asText())
			.isEqualTo(this.first.serialHex());
	}

	@Test
	void getOfOneBundleDescribesItAndUnknownBundleIsNotFound() throws Exception {
		start();
		Response response = this.actuator.get("/actuator/certificates/web");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().path("served").path("chain").path(0).path("serialNumber").asText())
			.isEqualTo(this.first.serialHex());
		assertThat(response.json().path("history")).hasSize(1);
		assertThat(this.actuator.get("/actuator/certificates/unknown").status()).isEqualTo(404);
	}

	@Test
	void postIsRefusedUntilAccessIsOpened() throws Exception {
		start();
		Issued second = issue("second.example");
		replacePem(second);
		assertThat(this.actuator.post("/actuator/certificates", "{}").status()).isEqualTo(405);
		assertThat(this.actuator.post("/actuator/certificates/web", "{\"force\":true}").status()).isEqualTo(405);
		assertThat(this.tls.servedSerial(this.port)).isEqualTo(this.first.serialHex());
		assertThat(web().path("history")).hasSize(1);
		assertThat(this.actuator.get("/actuator/certificates").status()).isEqualTo(200);
	}

	@Test
	void postReloadsChangedMaterial() throws Exception {
		start(OPEN_ACCESS);
		Issued second = issue("second.example");
		replacePem(second);
		assertThat(this.tls.servedSerial(this.port)).isEqualTo(this.first.serialHex());
		Response response = this.actuator.post("/actuator/certificates/web", "{}");
		assertThat(response.status()).isEqualTo(200);
		JsonNode result = response.json().path("bundles").path("web");
		assertThat(result.path("outcome").asText()).isEqualTo("reloaded");
		assertThat(result.path("trigger").asText()).isEqualTo("manual");
		assertThat(result.path("previousSerial").asText()).isEqualTo(this.first.serialHex());
		assertThat(result.path("newSerial").asText()).isEqualTo(second.serialHex());
		assertThat(this.tls.servedSerial(this.port)).isEqualTo(second.serialHex());
		Response again = this.actuator.post("/actuator/certificates", "{}");
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().path("bundles").path("web").path("outcome").asText()).isEqualTo("unchanged");
		JsonNode web = web();
		assertThat(web.path("reloads").asLong()).isOne();
		assertThat(web.path("history")).hasSize(3);
		assertThat(web.path("source").path("differsFromServed").asBoolean()).isFalse();
	}

	@Test
	void postWithEmptyBodyReloads() throws Exception {
		start(OPEN_ACCESS);
		Issued second = issue("second.example");
		replacePem(second);
		Response response = this.actuator.postWithoutBody("/actuator/certificates/web");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().path("bundles").path("web").path("outcome").asText()).isEqualTo("reloaded");
		assertThat(this.tls.servedSerial(this.port)).isEqualTo(second.serialHex());
	}

	@Test
	void dryRunValidatesWhatIsOnDiskAndChangesNothing() throws Exception {
		start(OPEN_ACCESS);
		Issued second = issue("second.example");
		replacePem(second);
		Response valid = this.actuator.post("/actuator/certificates/web", "{\"dryRun\":true}");
		assertThat(valid.status()).isEqualTo(200);
		assertThat(valid.json().path("dryRun").asBoolean()).isTrue();
		JsonNode result = valid.json().path("bundles").path("web");
		assertThat(result.path("outcome").asText()).isEqualTo("valid");
		assertThat(result.path("previousSerial").asText()).isEqualTo(this.first.serialHex());
		assertThat(result.path("newSerial").asText()).isEqualTo(second.serialHex());
		assertThat(this.tls.servedSerial(this.port)).isEqualTo(this.first.serialHex());
		JsonNode web = web();
		assertThat(web.path("reloads").asLong()).isZero();
		assertThat(web.path("pendingChange").asBoolean()).isTrue();
		assertThat(web.path("source").path("differsFromServed").asBoolean()).isTrue();

		writeMismatchedKey();
		Response rejected = this.actuator.post("/actuator/certificates", "{\"dryRun\":true}");
		assertThat(rejected.status()).isEqualTo(422);
		assertThat(rejected.json().path("bundles").path("web").path("outcome").asText()).isEqualTo("rejected");
		assertThat(this.tls.servedSerial(this.port)).isEqualTo(this.first.serialHex());
	}

	@Test
	void forceReappliesUnchangedMaterial() throws Exception {
		start(OPEN_ACCESS);
		AtomicInteger published = new AtomicInteger();
		this.context.getBean(SslBundles.class).addBundleUpdateHandler("web", (bundle) -> published.incrementAndGet());
		Response unchanged = this.actuator.post("/actuator/certificates/web", "{}");
		assertThat(unchanged.json().path("bundles").path("web").path("outcome").asText()).isEqualTo("unchanged");
		assertThat(published).hasValue(0);
		Response forced = this.actuator.post("/actuator/certificates/web", "{\"force\":true}");
		assertThat(forced.status()).isEqualTo(200);
		assertThat(forced.json().path("force").asBoolean()).isTrue();
		JsonNode result = forced.json().path("bundles").path("web");
		assertThat(result.path("outcome").asText()).isEqualTo("reloaded");
		assertThat(result.path("previousSerial").asText()).isEqualTo(this.first.serialHex());
		assertThat(result.path("newSerial").asText()).isEqualTo(this.first.serialHex());
		assertThat(published).hasValue(1);
		assertThat(web().path("reloads").asLong()).isOne();
		assertThat(this.tls.get(this.port, "/").body()).isEqualTo("ok");
		assertThat(this.tls.servedSerial(this.port)).isEqualTo(this.first.serialHex());
	}

	@Test
	void rejectedReloadAnswers422WithTheReason() throws Exception {
		start(OPEN_ACCESS);
		writeMismatchedKey();
		Response response = this.actuator.post("/actuator/certificates/web", "{}");
		assertThat(response.status()).isEqualTo(422);
		JsonNode result = response.json().path("bundles").path("web");
		assertThat(result.path("outcome").asText()).isEqualTo("rejected");
		assertThat(result.path("reason").asText()).isEqualTo("key-match");
		assertThat(result.path("message").asText()).contains("does not match certificate CN=third.example")
			.contains(this.directory.resolve("tls.key").toString());
		assertThat(result.path("previousSerial").asText()).isEqualTo(this.first.serialHex());
		assertThat(result.path("findings").path(0).path("check").asText()).isEqualTo("key-match");
		assertThat(result.path("findings").path(0).path("severity").asText()).isEqualTo("reject");
		assertThat(this.actuator.post("/actuator/certificates", "{\"force\":true}").status()).isEqualTo(422);
		assertThat(this.tls.servedSerial(this.port)).isEqualTo(this.first.serialHex());
		assertThat(this.tls.get(this.port, "/").body()).isEqualTo("ok");
		JsonNode web = web();
		assertThat(web.path("rejections").asLong()).isEqualTo(2);
		assertThat(web.path("lastReload").path("reason").asText()).isEqualTo("key-match");
	}

	@Test
	void postToUnknownBundleIsNotFound() throws Exception {
		start(OPEN_ACCESS);
		assertThat(this.actuator.post("/actuator/certificates/unknown", "{}").status()).isEqualTo(404);
		assertThat(web().path("history")).hasSize(1);
	}

	@Test
	void concurrentPostsAndFileTriggeredReloadsLeaveAConsistentHistory() throws Exception {
		start(OPEN_ACCESS, "hotcert.history.size=200");
		CertificateReloader reloader = this.context.getBean(CertificateReloader.class);
		Issued second = issue("second.example");
		int requests = 50;
		int fileTriggers = 5;
		ExecutorService executor = Executors.newFixedThreadPool(requests + fileTriggers);
		try {
			CountDownLatch ready = new CountDownLatch(requests + fileTriggers);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Response>> posts = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				posts.add(executor.submit(() -> {
					// Open the connection first, so that the requests arrive together
					this.actuator.get("/actuator/certificates/web");
					ready.countDown();
					go.await();
					return this.actuator.post("/actuator/certificates/web", "{}");
				}));
			}
			List<Future<ReloadResult>> watches = new ArrayList<>();
			for (int i = 0; i < fileTriggers; i++) {
				// What the file watcher calls when the files change
				watches.add(executor.submit(() -> {
					ready.countDown();
					go.await();
					return reloader.reload("web", ReloadRequest.of(ReloadTrigger.WATCH));
				}));
			}
			assertThat(ready.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			replacePem(second);
			go.countDown();
			List<JsonNode> responses = new ArrayList<>();
			for (Future<Response> post : posts) {
				Response response = post.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				assertThat(response.status()).isEqualTo(200);
				responses.add(response.json().path("bundles").path("web"));
			}
			for (Future<ReloadResult> watch : watches) {
				assertThat(watch.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).outcome()).isIn(ReloadOutcome.RELOADED,
						ReloadOutcome.UNCHANGED);
			}
			JsonNode web = web();
			List<JsonNode> history = new ArrayList<>();
			web.path("history").forEach(history::add);
			assertThat(history).hasSize(1 + requests + fileTriggers);
			assertThat(history.stream().filter((entry) -> entry.path("trigger").asText().equals("manual")))
				.hasSize(requests);
			assertThat(history.stream().filter((entry) -> entry.path("trigger").asText().equals("watch")))
				.hasSize(fileTriggers);
			assertThat(history.stream().filter((entry) -> entry.path("outcome").asText().equals("reloaded")))
				.singleElement()
				.satisfies((reload) -> {
					assertThat(reload.path("previousSerial").asText()).isEqualTo(this.first.serialHex());
					assertThat(reload.path("newSerial").asText()).isEqualTo(second.serialHex());
				});
			assertThat(history)
				.allSatisfy((entry) -> assertThat(entry.path("outcome").asText()).isIn("unchanged", "reloaded"));
			assertConsistentChain(history);
			assertThat(responses).allSatisfy((response) -> assertThat(history).contains(response));
			assertThat(web.path("reloads").asLong()).isOne();
			assertThat(web.path("rejections").asLong()).isZero();
			assertThat(this.tls.servedSerial(this.port)).isEqualTo(second.serialHex());
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void everyReloadIsAuditedWithThePrincipalOrTheTrigger() throws Exception {
		start(new Class<?>[] { AuditConfiguration.class }, OPEN_ACCESS, "hotcert.watch.quiet-period=50ms",
				"hotcert-test.principal-header=true",
				"management.endpoints.web.exposure.include=certificates,auditevents");
		Issued second = issue("second.example");
		replacePem(second);
		this.tls.awaitSerial(this.port, second.serialHex(), TIMEOUT);
		Response forced = this.actuator.withHeader(TestPrincipalManagementContextConfiguration.HEADER, "alice")
			.post("/actuator/certificates/web", "{\"force\":true}");
		assertThat(forced.json().path("bundles").path("web").path("principal").asText()).isEqualTo("alice");
		this.actuator.post("/actuator/certificates/web", "{\"dryRun\":true}");
		Response response = this.actuator.get("/actuator/auditevents?type=CERTIFICATE_RELOAD");
		assertThat(response.status()).isEqualTo(200);
		List<JsonNode> events = new ArrayList<>();
		response.json().path("events").forEach(events::add);
		assertThat(events).hasSameSizeAs(texts(web().path("history")));
		assertThat(events).anySatisfy((event) -> assertAudit(event, "startup", "unchanged", this.first, this.first));
		assertThat(events).anySatisfy((event) -> assertAudit(event, "watch", "reloaded", this.first, second));
		assertThat(events).anySatisfy((event) -> assertAudit(event, "alice", "reloaded", second, second));
		assertThat(events).anySatisfy((event) -> assertAudit(event, "manual", "valid", second, second));
	}

	@Test
	void healthReportsWarningsOverHttpAndStaysUp() throws Exception {
		start(OPEN_ACCESS, "management.endpoints.web.exposure.include=certificates,health",
				"management.endpoint.health.show-details=always");
		Response healthy = this.actuator.get("/actuator/health/certificates");
		assertThat(healthy.status()).isEqualTo(200);
		assertThat(healthy.json().path("status").asText()).isEqualTo("UP");
		assertThat(healthy.json().path("details").path("web").path("serialNumber").asText())
			.isEqualTo(this.first.serialHex());
		writeMismatchedKey();
		assertThat(this.actuator.post("/actuator/certificates/web", "{}").status()).isEqualTo(422);
		Response warned = this.actuator.get("/actuator/health/certificates");
		assertThat(warned.status()).isEqualTo(200);
		assertThat(warned.json().path("status").asText()).isEqualTo("UP");
		JsonNode web = warned.json().path("details").path("web");
		assertThat(web.path("lastReloadRejected").path("reason").asText()).isEqualTo("key-match");
		assertThat(web.path("notServed").asText()).contains("differs from the material served");
	}

	@Test
	void healthIsDownWhenTheServedCertificateHasExpiredButLivenessIsNot() throws Exception {
		TestCertificates past = new TestCertificates(Clock.offset(Clock.systemUTC(), Duration.ofDays(-100)));
		Issued expired = past.issue(past.leaf("expired.example"), this.authority);
		PemFiles.replace(this.directory.resolve("tls.key"), PemFiles.pkcs8(expired.keyPair().getPrivate()));
		PemFiles.replace(this.directory.resolve("tls.crt"), PemFiles.certificates(expired.chain()));
		start("management.endpoints.web.exposure.include=certificates,health",
				"management.endpoint.health.show-details=always", "management.endpoint.health.probes.enabled=true");
		assertThat(this.tls.servedSerial(this.port)).isEqualTo(expired.serialHex());
		Response health = this.actuator.get("/actuator/health/certificates");
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.json().path("status").asText()).isEqualTo("DOWN");
		assertThat(health.json().path("details").path("web").path("expired").path(0).asText())
			.contains("CN=expired.example serial " + expired.serialHex());
		assertThat(this.actuator.get("/actuator/health").status()).isEqualTo(503);
		assertThat(this.actuator.get("/actuator/health/liveness").status()).isEqualTo(200);
		JsonNode leaf = this.actuator.get("/actuator/certificates/web").json().path("served").path("chain").path(0);
		assertThat(leaf.path("expired").asBoolean()).isTrue();
		assertThat(leaf.path("secondsUntilExpiry").asLong()).isNegative();
	}

	private static void assertAudit(JsonNode event, String principal, String outcome, Issued previous, Issued next) {
		assertThat(event.path("type").asText()).isEqualTo("CERTIFICATE_RELOAD");
		assertThat(event.path("principal").asText()).isEqualTo(principal);
		JsonNode data = event.path("data");
		assertThat(data.path("bundle").asText()).isEqualTo("web");
		assertThat(data.path("outcome").asText()).isEqualTo(outcome);
		assertThat(data.path("previousSerial").asText()).isEqualTo(previous.serialHex());
		assertThat(data.path("newSerial").asText()).isEqualTo(next.serialHex());
	}

	/**
	 * Walking the history from the oldest entry, each reload starts from the certificate
	 * that the one before it left served, and the times never go back.
	 */
	private void assertConsistentChain(List<JsonNode> newestFirst) {
		String served = null;
		Instant time = Instant.MIN;
		for (int i = newestFirst.size() - 1; i >= 0; i--) {
			JsonNode entry = newestFirst.get(i);
			if (served != null) {
				assertThat(entry.path("previousSerial").asText()).as("entry %d", i).isEqualTo(served);
			}
			served = entry.path("newSerial").asText();
			Instant entryTime = Instant.parse(entry.path("time").asText());
			assertThat(entryTime).as("entry %d", i).isAfterOrEqualTo(time);
			time = entryTime;
		}
	}

	private JsonNode web() throws Exception {
		Response response = this.actuator.get("/actuator/certificates/web");
		assertThat(response.status()).isEqualTo(200);
		return response.json();
	}

	private void start(String... properties) {
		start(new Class<?>[0], properties);
	}

	private void start(Class<?>[] sources, String... properties) {
		String[] management = { "management.server.port=0", "management.server.address=127.0.0.1",
				"management.server.ssl.enabled=false", "management.endpoints.web.exposure.include=certificates",
				"hotcert.watch.quiet-period=10m" };
		this.context = TestWebApplication.run(sources, TestWebApplication.concat(TestWebApplication.pemBundle("web",
				this.directory.resolve("tls.crt"), this.directory.resolve("tls.key")), management, properties));
		this.port = TestWebApplication.port(this.context);
		this.actuator = new ActuatorClient(
				this.context.getEnvironment().getRequiredProperty("local.management.port", Integer.class));
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

	private void replacePem(Issued issued) {
		PemFiles.replace(this.directory.resolve("tls.key"), PemFiles.pkcs8(issued.keyPair().getPrivate()));
		PemFiles.replace(this.directory.resolve("tls.crt"), PemFiles.certificates(issued.chain()));
	}

	private void writeMismatchedKey() {
		Issued third = issue("third.example");
		Issued other = issue("other.example");
		PemFiles.replace(this.directory.resolve("tls.key"), PemFiles.pkcs8(other.keyPair().getPrivate()));
		PemFiles.replace(this.directory.resolve("tls.crt"), PemFiles.certificates(third.chain()));
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((node) -> texts.add(node.asText()));
		return texts;
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	@Configuration(proxyBeanMethods = false)
	static class AuditConfiguration {

		@Bean
		InMemoryAuditEventRepository auditEventRepository() {
			return new InMemoryAuditEventRepository();
		}

	}

}
