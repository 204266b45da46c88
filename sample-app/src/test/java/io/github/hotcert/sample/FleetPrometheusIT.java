package io.github.hotcert.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.hotcert.sample.TestCertificateAuthority.TlsMaterial;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances of the packaged sample application, one job for a real Prometheus that
 * evaluates hotcert's alert rules. Two instances share one Secret-style directory, like
 * the replicas of a Deployment that mount the same Secret; the third has its own copy, so
 * that it alone can be given material it refuses. The rules are those of
 * {@code docs/prometheus/hotcert-alerts.yml}, with their {@code for} durations shortened
 * to the seconds a rollout takes here. Each fleet rule is seen firing and resolving
 * through the Prometheus HTTP API as the instances rotate. On CI ({@code CI=true}) a
 * missing {@code prometheus} fails the build; elsewhere this test is skipped.
 */
class FleetPrometheusIT {

	private static final String JOB = "hotcert-fleet";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	/**
	 * How long the instances may serve different certificates before the alert fires:
	 * longer than the rotation of three instances on this machine takes.
	 */
	private static final Duration ROLLOUT = Duration.ofSeconds(20);

	private static final Path RULES = Path.of(System.getProperty("basedir", "."), "..", "docs", "prometheus",
			"hotcert-alerts.yml");

	private final TestCertificateAuthority authority = new TestCertificateAuthority(Clock.systemUTC());

	@TempDir
	Path directory;

	private Path executable;

	private final List<SampleApplicationProcess> instances = new ArrayList<>();

	private PrometheusServer prometheus;

	@BeforeEach
	void findPrometheus() {
		this.executable = PrometheusServer.executableOrSkip("the test of the fleet alert rules");
	}

	@AfterEach
	void stop() throws InterruptedException {
		if (this.prometheus != null) {
			this.prometheus.close();
		}
		for (SampleApplicationProcess instance : this.instances) {
			instance.close();
		}
	}

	@Test
	void fleetAlertsFireAndResolveAsTheInstancesRotateAndOneRefusesItsCopy() throws Exception {
		KubernetesSecretVolume shared = volume("shared");
		KubernetesSecretVolume own = volume("own");
		TlsMaterial expiring = this.authority.issue(Duration.ofDays(10));
		shared.write(expiring.files());
		own.write(expiring.files());
		startInstances(shared, shared, own);
		SampleApplicationProcess refusing = this.instances.get(2);
		this.prometheus = PrometheusServer.start(this.executable,
				Files.createDirectories(this.directory.resolve("prometheus")), JOB,
				this.instances.stream().map(FleetPrometheusIT::target).toList(), "/actuator/prometheus",
				List.of(shortenedRules()));

		// Every instance serves a certificate that expires in 10 days: one alert for the
		// job, however many instances serve it
		JsonNode fleetExpiry = awaitAlerts("CertificateFleetExpiringSoon", (alerts) -> alerts.size() == 1).get(0);
		assertThat(fleetExpiry.path("labels").path("job").asText()).isEqualTo(JOB);
		assertThat(fleetExpiry.path("labels").path("bundle").asText()).isEqualTo("web");
		assertThat(fleetExpiry.path("labels").has("instance")).isFalse();
		assertThat(alerts("CertificateServedInconsistently")).isEmpty();
		assertThat(servedFingerprints()).hasSize(3);
		assertThat(servedFingerprints().values()).as("one certificate for the whole fleet")
			.containsOnly(servedFingerprints().get(target(refusing)));

		// The shared Secret is renewed; the instance with its own copy gets a certificate
		// with a key that does not belong to it, and refuses it
		TlsMaterial renewed = this.authority.issue(Duration.ofDays(90));
		shared.write(renewed.files());
		own.write(this.authority.issueWithMismatchedKey(Duration.ofDays(90)).files());
		awaitServed(this.instances.get(0), renewed);
		awaitServed(this.instances.get(1), renewed);
		assertThat(served(refusing)).isEqualTo(expiring.serial());
		JsonNode inconsistent = awaitAlerts("CertificateServedInconsistently", (alerts) -> alerts.size() == 1).get(0);
		assertThat(inconsistent.path("labels").path("bundle").asText()).isEqualTo("web");
		assertThat(Double.parseDouble(inconsistent.path("value").asText())).isEqualTo(2);
		JsonNode notServed = awaitAlerts("CertificateRenewalNotServed", (alerts) -> alerts.size() == 1).get(0);
		assertThat(notServed.path("labels").path("instance").asText()).isEqualTo(target(refusing));
		assertThat(awaitAlerts("CertificateReloadFailing", (alerts) -> alerts.size() == 1).get(0)
			.path("labels")
			.path("instance")
			.asText()).isEqualTo(target(refusing));
		assertThat(alerts("CertificateFleetExpiringSoon")).as("the refusing instance still serves the old certificate")
			.hasSize(1);
		Map<String, String> fingerprints = servedFingerprints();
		assertThat(fingerprints).hasSize(3);
		assertThat(fingerprints.get(target(this.instances.get(0))))
			.isEqualTo(fingerprints.get(target(this.instances.get(1))))
			.isNotEqualTo(fingerprints.get(target(refusing)));

		// The instance gets the renewed material too: every fleet alert resolves
		own.write(renewed.files());
		awaitServed(refusing, renewed);
		for (String alert : List.of("CertificateServedInconsistently", "CertificateRenewalNotServed",
				"CertificateReloadFailing", "CertificateFleetExpiringSoon")) {
			awaitAlerts(alert, List::isEmpty);
		}
		assertThat(servedFingerprints()).as("one info series per instance and bundle").hasSize(3);
		assertThat(servedFingerprints().values()).containsOnly(fingerprints.get(target(this.instances.get(0))));

		// A renewal that reaches every instance within a rollout raises nothing
		TlsMaterial next = this.authority.issue(Duration.ofDays(90));
		shared.write(next.files());
		own.write(next.files());
		for (SampleApplicationProcess instance : this.instances) {
			awaitServed(instance, next);
		}
		await().during(ROLLOUT.plusSeconds(5))
			.atMost(ROLLOUT.plus(TIMEOUT))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> alerts("CertificateServedInconsistently").isEmpty());
		assertThat(
				this.prometheus.query("hotcert_restart_required{job=\"" + JOB + "\"} == 1").path("data").path("result"))
			.isEmpty();
	}

	private void startInstances(KubernetesSecretVolume... volumes) throws Exception {
		List<CompletableFuture<SampleApplicationProcess>> starting = new ArrayList<>();
		for (int i = 0; i < volumes.length; i++) {
			Path workingDirectory = Files.createDirectories(this.directory.resolve("instance-" + i));
			Path secret = volumes[i].directory();
			starting.add(CompletableFuture.supplyAsync(() -> start(workingDirectory, secret)));
		}
		for (CompletableFuture<SampleApplicationProcess> instance : starting) {
			this.instances.add(instance.join());
		}
	}

	private static SampleApplicationProcess start(Path workingDirectory, Path secret) {
		try {
			return SampleApplicationProcess.start(workingDirectory,
					"--spring.ssl.bundle.pem.web.keystore.certificate=" + secret.resolve("tls.crt"),
					"--spring.ssl.bundle.pem.web.keystore.private-key=" + secret.resolve("tls.key"),
					"--hotcert.development.generate-missing-certificates=false");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the alert rules of the documentation, with every {@code for} shortened to
	 * seconds: {@code CertificateServedInconsistently} to {@link #ROLLOUT}, the others to
	 * one second.
	 */
	@SuppressWarnings("unchecked")
	private Path shortenedRules() throws IOException {
		Map<String, Object> rules = new Yaml().load(Files.readString(RULES));
		for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				boolean rollout = "CertificateServedInconsistently".equals(rule.get("alert"));
				rule.put("for", rollout ? ROLLOUT.toSeconds() + "s" : "1s");
			}
		}
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		Path shortened = Files.createDirectories(this.directory.resolve("rules")).resolve("hotcert-alerts.yml");
		return Files.writeString(shortened, new Yaml(options).dump(rules));
	}

	private KubernetesSecretVolume volume(String name) throws IOException {
		return new KubernetesSecretVolume(Files.createDirectories(this.directory.resolve(name)), Clock.systemUTC());
	}

	/**
	 * Wait until the firing alerts of the given name satisfy a condition.
	 */
	private List<JsonNode> awaitAlerts(String name, Predicate<List<JsonNode>> condition) {
		AtomicReference<List<JsonNode>> last = new AtomicReference<>(List.of());
		try {
			return await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).until(() -> {
				last.set(alerts(name));
				return last.get();
			}, condition);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError(
					"Timed out after %s waiting for the firing alerts %s; last: %s%nPrometheus log:%n%s"
						.formatted(TIMEOUT, name, last.get(), this.prometheus.log()),
					ex);
		}
	}

	private List<JsonNode> alerts(String name) throws IOException, InterruptedException {
		List<JsonNode> firing = new ArrayList<>();
		for (JsonNode alert : this.prometheus.alerts()) {
			if (name.equals(alert.path("labels").path("alertname").asText())
					&& "firing".equals(alert.path("state").asText())) {
				firing.add(alert);
			}
		}
		return firing;
	}

	/**
	 * Return the fingerprint of the certificate each instance serves, by instance, from
	 * the {@code hotcert_certificate_info} series.
	 */
	private Map<String, String> servedFingerprints() throws IOException, InterruptedException {
		Map<String, String> fingerprints = new LinkedHashMap<>();
		JsonNode result = this.prometheus.query("hotcert_certificate_info{job=\"" + JOB + "\",bundle=\"web\"}")
			.path("data")
			.path("result");
		for (JsonNode series : result) {
			String instance = series.path("metric").path("instance").asText();
			assertThat(fingerprints.put(instance, series.path("metric").path("fingerprint").asText()))
				.as("one info series for %s", instance)
				.isNull();
		}
		return fingerprints;
	}

	private void awaitServed(SampleApplicationProcess instance, TlsMaterial material) {
		await().atMost(TIMEOUT)
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptionsInstanceOf(IOException.class)
			.until(() -> served(instance), material.serial()::equals);
	}

	private String served(SampleApplicationProcess instance) throws IOException {
		try (HttpsConnection connection = HttpsConnection.open(instance.httpsPort(),
				HttpsConnection.trusting(this.authority.certificate()), Duration.ofSeconds(10))) {
			return connection.servedSerial();
		}
	}

	private static String target(SampleApplicationProcess instance) {
		return "127.0.0.1:" + instance.managementPort();
	}

}
