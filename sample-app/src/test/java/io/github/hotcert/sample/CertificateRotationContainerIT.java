package io.github.hotcert.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.hotcert.sample.CertificatesEndpointClient.Answer;
import io.github.hotcert.sample.HttpsLoad.Handshake;
import io.github.hotcert.sample.HttpsLoad.Report;
import io.github.hotcert.sample.TestCertificateAuthority.TlsMaterial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the packaged sample application in a container, its certificate files in a
 * directory of the host updated the way the kubelet updates a Secret volume, while
 * clients keep sending requests: every rotation reaches new handshakes and not one
 * request fails, bad material is rejected while the last good certificate keeps being
 * served, and a reload asked for once the files are fixed serves them. Runs on the web
 * server the sample was built with: Tomcat, or Undertow with {@code -Pundertow}. The
 * application's output is kept in {@code target/CertificateRotationContainerIT.log}.
 */
@RequiresDockerImage(value = SampleApplicationContainer.IMAGE,
		howToBuild = "build it with .ci/build-test-image (as root, on Debian or Ubuntu: it uses debootstrap), "
				+ "or run .ci/run, which builds it when missing")
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class CertificateRotationContainerIT {

	private static final String BUNDLE = "web";

	private static final int ROTATIONS = 25;

	private static final int THREADS_OF_EACH_KIND = 4;

	private static final Duration VALIDITY = Duration.ofDays(30);

	/**
	 * How long a change may take to be seen: generous, the machine may be small and
	 * shared.
	 */
	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/**
	 * How long each certificate is served before the next rotation, so that kept-alive
	 * connections span rotations.
	 */
	private static final Duration SERVED_BEFORE_NEXT_ROTATION = Duration.ofMillis(300);

	private static final int HANDSHAKES_AFTER_REJECTION = 50;

	private final Clock clock = Clock.systemUTC();

	private final TestCertificateAuthority authority = new TestCertificateAuthority(this.clock);

	@TempDir
	static Path secretVolume;

	private KubernetesSecretVolume volume;

	private TlsMaterial initial;

	private SampleApplicationContainer application;

	private CertificatesEndpointClient endpoint;

	@BeforeAll
	void startTheSampleApplication() throws IOException {
		this.volume = new KubernetesSecretVolume(secretVolume, this.clock);
		this.initial = this.authority.issue(VALIDITY);
		this.volume.write(this.initial.files());
		// No polling while the test runs: a poll that happens to run between a swap and
		// its file event would find the change first, and the test proves that file
		// events inside the container find every rotation
		this.application = SampleApplicationContainer.start(secretVolume, "--hotcert.watch.poll-interval=1h");
		this.endpoint = new CertificatesEndpointClient(this.application.managementPort());
	}

	@AfterAll
	void stopTheSampleApplication() throws IOException {
		if (this.application != null) {
			Path log = Path.of(System.getProperty("basedir", "."), "target", getClass().getSimpleName() + ".log");
			Files.writeString(log, this.application.output());
			this.application.close();
		}
	}

	@Test
	@Order(1)
	void servesTheMountedCertificateOnTheWebServerItWasBuiltWith() throws Exception {
		JsonNode bundle = this.endpoint.bundle(BUNDLE);
		assertThat(bundle.path("consumers").toString()).as("consumers of bundle '%s'", BUNDLE)
			.contains(webServer() + " https port " + this.application.httpsPort());
		assertThat(bundle.path("source").path("locations").findValuesAsText("path")).containsExactly(
				SampleApplicationContainer.CERTIFICATES + "/tls.crt",
				SampleApplicationContainer.CERTIFICATES + "/tls.key");
		try (HttpsConnection connection = connect()) {
			assertThat(connection.servedSerial()).isEqualTo(this.initial.serial());
			assertThat(connection.get("/", false).body()).contains("serial:  " + this.initial.serial());
		}
	}

	@Test
	@Order(2)
	void servesEveryRotationOnNewHandshakesWhileNoRequestFails() throws Exception {
		String servedBefore = servedSerial();
		List<String> serials = new ArrayList<>(List.of(servedBefore));
		List<Duration> swapToServed = new ArrayList<>();
		int reloadsBefore = this.endpoint.bundle(BUNDLE).path("reloads").asInt();
		Report report;
		try (HttpsLoad load = HttpsLoad.start(this.application.httpsPort(), this.authority.certificate(),
				THREADS_OF_EACH_KIND)) {
			Thread.sleep(SERVED_BEFORE_NEXT_ROTATION.toMillis());
			for (int rotation = 1; rotation <= ROTATIONS; rotation++) {
				TlsMaterial material = this.authority.issue(VALIDITY);
				long swapped = this.volume.write(material.files());
				long served;
				try {
					served = load.awaitServed(material.serial(), swapped, TIMEOUT);
				}
				catch (AssertionError ex) {
					throw new AssertionError("Rotation %d of %d: %s%n%s".formatted(rotation, ROTATIONS, ex.getMessage(),
							this.application.output()), ex);
				}
				serials.add(material.serial());
				swapToServed.add(Duration.ofNanos(served - swapped));
				Thread.sleep(SERVED_BEFORE_NEXT_ROTATION.toMillis());
			}
			report = load.stop();
		}
		System.out.printf(
				"%s, %s: %d rotations; %s; from the ..data swap to the first handshake served the new "
						+ "certificate: %s%n",
				getClass().getSimpleName(), webServer(), ROTATIONS, report, percentiles(swapToServed));
		assertThat(report.failures()).as("failed requests of %s", report).isEmpty();
		assertThat(report.failureCount()).as("failed requests of %s", report).isZero();
		assertThat(report.keepAliveConnectionsAcrossChange())
			.as("kept-alive connections that kept working after a rotation (%s)", report)
			.isPositive();
		assertThat(olderCertificatesServedAfterNewerOnes(report.handshakes(), serials))
			.as("handshakes started after a newer certificate was served, but served an older one")
			.isEmpty();
		JsonNode bundle = this.endpoint.bundle(BUNDLE);
		assertThat(bundle.path("reloads").asInt() - reloadsBefore).as("reloads counted by the endpoint")
			.isEqualTo(ROTATIONS);
		assertThat(bundle.path("history").findValuesAsText("trigger")).as("triggers of the last reloads")
			.hasSizeGreaterThanOrEqualTo(Math.min(ROTATIONS, 20))
			.containsOnly("watch");
		assertThat(bundle.path("history").findValuesAsText("outcome")).as("outcomes of the last reloads")
			.containsOnly("reloaded");
		assertThat(bundle.path("served").path("chain").get(0).path("serialNumber").asText())
			.isEqualTo(serials.get(ROTATIONS));
	}

	@Test
	@Order(3)
	void keepsServingTheLastGoodCertificateAndReportsTheRejectionWhenTheNewKeyDoesNotMatch() throws Exception {
		String served = servedSerial();
		int rejectionsBefore = this.endpoint.bundle(BUNDLE).path("rejections").asInt();
		TlsMaterial mismatched = this.authority.issueWithMismatchedKey(VALIDITY);
		Report report;
		try (HttpsLoad load = HttpsLoad.start(this.application.httpsPort(), this.authority.certificate(),
				THREADS_OF_EACH_KIND)) {
			this.volume.write(mismatched.files());
			JsonNode bundle = this.endpoint.awaitBundle(BUNDLE,
					(read) -> read.path("rejections").asInt() > rejectionsBefore, TIMEOUT);
			JsonNode lastReload = bundle.path("lastReload");
			assertThat(lastReload.path("outcome").asText()).isEqualTo("rejected");
			assertThat(lastReload.path("reason").asText()).isEqualTo("key-match");
			assertThat(lastReload.path("trigger").asText()).isEqualTo("watch");
			assertThat(lastReload.path("previousSerial").asText()).isEqualTo(served);
			assertThat(lastReload.path("newSerial").asText()).isEqualTo(mismatched.serial());
			assertThat(lastReload.path("message").asText())
				.contains(SampleApplicationContainer.CERTIFICATES + "/tls.key")
				.contains("does not match");
			assertThat(bundle.path("served").path("chain").get(0).path("serialNumber").asText()).isEqualTo(served);
			assertThat(bundle.path("source").path("differsFromServed").asBoolean()).isTrue();
			assertThat(bundle.path("pendingChange").asBoolean()).isTrue();
			long rejected = System.nanoTime();
			await().atMost(TIMEOUT).until(() -> load.handshakesStartedAfter(rejected) >= HANDSHAKES_AFTER_REJECTION);
			report = load.stop();
			assertThat(report.handshakes()).filteredOn((handshake) -> handshake.started() > rejected)
				.as("handshakes after the rejection")
				.isNotEmpty()
				.extracting(Handshake::serial)
				.containsOnly(served);
		}
		System.out.printf("%s, %s: mismatched key rejected; %s%n", getClass().getSimpleName(), webServer(), report);
		assertThat(report.handshakes()).extracting(Handshake::serial).containsOnly(served);
		assertThat(report.failures()).as("failed requests of %s", report).isEmpty();
		assertThat(report.failureCount()).as("failed requests of %s", report).isZero();
	}

	@Test
	@Order(4)
	void reloadsOnRequestOnceBrokenFilesAreFixed() throws Exception {
		String served = servedSerial();
		int rejectionsBefore = this.endpoint.bundle(BUNDLE).path("rejections").asInt();
		Map<String, byte[]> broken = new LinkedHashMap<>(this.authority.issue(VALIDITY).files());
		byte[] certificate = broken.get("tls.crt");
		broken.put("tls.crt", Arrays.copyOf(certificate, certificate.length / 3));
		TlsMaterial fixed = this.authority.issue(VALIDITY);
		Report report;
		Answer reload;
		try (HttpsLoad load = HttpsLoad.start(this.application.httpsPort(), this.authority.certificate(),
				THREADS_OF_EACH_KIND)) {
			this.volume.write(broken);
			this.endpoint.awaitBundle(BUNDLE, (read) -> read.path("rejections").asInt() > rejectionsBefore, TIMEOUT);
			Answer refused = this.endpoint.reload(BUNDLE, "{}");
			assertThat(refused.status()).as("reload of broken files: %s", refused.body()).isEqualTo(422);
			JsonNode refusedResult = refused.body().path("bundles").path(BUNDLE);
			assertThat(refusedResult.path("outcome").asText()).isEqualTo("rejected");
			assertThat(refusedResult.path("reason").asText()).isEqualTo("parse");
			assertThat(refusedResult.path("trigger").asText()).isEqualTo("manual");
			assertThat(refusedResult.path("message").asText())
				.contains(SampleApplicationContainer.CERTIFICATES + "/tls.crt");
			assertThat(servedSerial()).isEqualTo(served);

			this.volume.write(fixed.files());
			reload = this.endpoint.reload(BUNDLE, "{}");
			try (HttpsConnection connection = connect()) {
				assertThat(connection.servedSerial()).as("certificate served once the reload answered")
					.isEqualTo(fixed.serial());
			}
			report = load.stop();
		}
		assertThat(reload.status()).as("reload of fixed files: %s", reload.body()).isEqualTo(200);
		JsonNode result = reload.body().path("bundles").path(BUNDLE);
		assertThat(result.path("newSerial").asText()).isEqualTo(fixed.serial());
		// The file watcher may have been first (it waits a quiet period): the request
		// then finds the fixed files already served
		assertThat(result.path("outcome").asText()).isIn("reloaded", "unchanged");
		if (result.path("outcome").asText().equals("reloaded")) {
			assertThat(result.path("trigger").asText()).isEqualTo("manual");
			assertThat(result.path("previousSerial").asText()).isEqualTo(served);
		}
		System.out.printf("%s, %s: broken files refused with 422, fixed files %s on request; %s%n",
				getClass().getSimpleName(), webServer(), result.path("outcome").asText(), report);
		assertThat(report.failures()).as("failed requests of %s", report).isEmpty();
		assertThat(report.failureCount()).as("failed requests of %s", report).isZero();
	}

	private HttpsConnection connect() throws IOException {
		return HttpsConnection.open(this.application.httpsPort(),
				HttpsConnection.trusting(this.authority.certificate()), TIMEOUT);
	}

	private String servedSerial() throws IOException {
		try (HttpsConnection connection = connect()) {
			return connection.servedSerial();
		}
	}

	/**
	 * Return the web server the sample was built with, as the build says
	 * ({@code sample.web-server} in {@code sample-app/pom.xml}).
	 */
	private static String webServer() {
		return System.getProperty("hotcert.sample.web-server", "tomcat");
	}

	/**
	 * Return the handshakes that were served a certificate older than one another
	 * handshake had been served before they started: once a rotation is seen, it is never
	 * undone.
	 */
	private static List<String> olderCertificatesServedAfterNewerOnes(List<Handshake> handshakes,
			List<String> serials) {
		Map<String, Long> firstServed = new HashMap<>();
		for (Handshake handshake : handshakes) {
			firstServed.merge(handshake.serial(), handshake.completed(), Math::min);
		}
		List<String> problems = new ArrayList<>();
		for (Handshake handshake : handshakes) {
			int index = serials.indexOf(handshake.serial());
			if (index < 0) {
				problems.add("a handshake was served an unknown certificate, serial " + handshake.serial());
				continue;
			}
			for (int newer = index + 1; newer < serials.size(); newer++) {
				Long newerServed = firstServed.get(serials.get(newer));
				if (newerServed != null && newerServed < handshake.started()) {
					problems.add("serial %s (rotation %d) served %d ms after serial %s (rotation %d) was first served"
						.formatted(handshake.serial(), index,
								TimeUnit.NANOSECONDS.toMillis(handshake.started() - newerServed), serials.get(newer),
								newer));
					break;
				}
			}
		}
		return problems;
	}

	private static String percentiles(List<Duration> durations) {
		List<Long> millis = durations.stream().map(Duration::toMillis).sorted().toList();
		return "p50 %d ms, p95 %d ms, max %d ms".formatted(percentile(millis, 50), percentile(millis, 95),
				millis.get(millis.size() - 1));
	}

	private static long percentile(List<Long> sorted, int percent) {
		int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
		return sorted.get(Math.max(rank, 1) - 1);
	}

}
