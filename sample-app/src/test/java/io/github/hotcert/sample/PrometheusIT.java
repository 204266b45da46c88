package io.github.hotcert.sample;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.hotcert.development.DevelopmentCertificateGenerator;
import io.github.hotcert.sample.MonitoringQueries.LabelValues;
import io.github.hotcert.sample.MonitoringQueries.Query;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the packaged sample application and a real Prometheus that scrapes its
 * {@code /actuator/prometheus} endpoint and evaluates hotcert's alert rules, then sends
 * every PromQL expression of the Grafana dashboard and of the alert rules to Prometheus.
 * On CI ({@code CI=true}) a missing {@code prometheus} fails the build; elsewhere this
 * test is skipped.
 */
class PrometheusIT {

	private static final String JOB = "hotcert-sample";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Path DOCS = Path.of(System.getProperty("basedir", "."), "..", "docs")
		.toAbsolutePath()
		.normalize();

	private static final String EXPIRATION = "hotcert_certificate_expiration_timestamp_seconds{job=\"" + JOB + "\"}";

	@TempDir
	Path workingDirectory;

	@TempDir
	Path prometheusDirectory;

	private Path executable;

	private SampleApplicationProcess application;

	private PrometheusServer prometheus;

	@BeforeEach
	void findPrometheus() {
		this.executable = PrometheusServer.executableOrSkip("the end-to-end test of the dashboard and the alert rules");
	}

	@AfterEach
	void stop() throws InterruptedException {
		if (this.prometheus != null) {
			this.prometheus.close();
		}
		if (this.application != null) {
			this.application.close();
		}
	}

	@Test
	void everyDashboardAndAlertQueryIsValidAndEveryPanelShowsDataAfterARotation() throws Exception {
		this.application = SampleApplicationProcess.start(this.workingDirectory);
		String instance = "127.0.0.1:" + this.application.managementPort();
		Path rules = DOCS.resolve("prometheus/hotcert-alerts.yml");
		this.prometheus = PrometheusServer.start(this.executable, this.prometheusDirectory, JOB, instance,
				"/actuator/prometheus", List.of(rules));
		Path certs = this.workingDirectory.resolve("certs");
		List<X509Certificate> generated = readCertificates(certs.resolve("tls.crt"));
		awaitResult(EXPIRATION, (result) -> serials(result).equals(serials(generated)));

		List<X509Certificate> rotated = rotate(certs);
		JsonNode afterRotation = awaitResult(EXPIRATION, (result) -> serials(result).equals(serials(rotated)));
		assertThat(serials(afterRotation)).as("expiration series after the rotation: the new serials only")
			.containsExactlyInAnyOrderElementsOf(serials(rotated))
			.doesNotContainAnyElementsOf(serials(generated));
		assertThat(serialsOf(query("hotcert_certificate_expiration_timestamp_seconds{leaf=\"true\"}"), "serial"))
			.containsExactly(serial(rotated.get(0)));
		awaitResult("ssl_chain_expiry_seconds{job=\"" + JOB + "\",bundle=\"web\"}",
				(result) -> serialsOf(result, "certificate").equals(Set.of(serial(rotated.get(0)))));
		awaitResult("hotcert_reload_total{job=\"" + JOB + "\",trigger=\"watch\",outcome=\"reloaded\"} == 1",
				(result) -> result.size() == 1);

		List<String> problems = new ArrayList<>();
		int checked = 0;
		Map<String, String> selected = Map.of("job", regex(JOB), "instance", regex(instance), "bundle", "web",
				"__rate_interval", "2m");
		Map<String, String> all = Map.of("job", ".*", "instance", ".*", "bundle", ".*", "__rate_interval", "2m");
		List<Query> panelQueries = MonitoringQueries.panelQueries(DOCS.resolve("grafana/hotcert-dashboard.json"));
		assertThat(panelQueries).hasSizeGreaterThanOrEqualTo(8);
		for (Map<String, String> values : List.of(selected, all)) {
			for (Query query : panelQueries) {
				String expression = MonitoringQueries.substitute(query.expression(), values);
				checkReturnsData(query.source(), expression, problems);
				checked++;
			}
		}
		Map<String, String> expected = Map.of("job", JOB, "instance", instance, "bundle", "web");
		List<LabelValues> variables = MonitoringQueries.variableQueries(DOCS.resolve("grafana/hotcert-dashboard.json"));
		assertThat(variables).extracting(LabelValues::variable).containsExactly("job", "instance", "bundle");
		for (LabelValues variable : variables) {
			String selector = MonitoringQueries.substitute(variable.selector(), selected);
			JsonNode result = checkReturnsData("variable '" + variable.variable() + "'", selector, problems);
			if (result != null && !serialsOf(result, variable.label()).contains(expected.get(variable.label()))) {
				problems.add("variable '%s' does not list %s".formatted(variable.variable(), expected));
			}
			checked++;
		}
		List<Query> ruleQueries = MonitoringQueries.ruleQueries(rules);
		assertThat(ruleQueries).hasSize(9);
		for (Query query : ruleQueries) {
			checkValid(query.source(), query.expression(), problems);
			checked++;
		}
		assertThat(problems).as("problems found in %d queries", checked).isEmpty();
		awaitRulesEvaluated(ruleQueries.size());
	}

	private JsonNode checkReturnsData(String source, String expression, List<String> problems) throws Exception {
		JsonNode result = checkValid(source, expression, problems);
		if (result == null) {
			return null;
		}
		if (result.isEmpty()) {
			problems.add("%s returned no data: %s".formatted(source, expression));
			return null;
		}
		boolean finite = false;
		for (JsonNode sample : result) {
			double value = Double.parseDouble(sample.path("value").get(1).asText());
			finite |= Double.isFinite(value);
		}
		if (!finite) {
			problems.add("%s returned only NaN or infinite values: %s = %s".formatted(source, expression, result));
		}
		return result;
	}

	private JsonNode checkValid(String source, String expression, List<String> problems) throws Exception {
		JsonNode response = this.prometheus.query(expression);
		if (!"success".equals(response.path("status").asText())) {
			problems
				.add("%s is not valid PromQL (%s): %s".formatted(source, response.path("error").asText(), expression));
			return null;
		}
		return response.path("data").path("result");
	}

	private void awaitRulesEvaluated(int count) {
		AtomicReference<Map<String, String>> health = new AtomicReference<>(Map.of());
		try {
			await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).until(() -> {
				health.set(ruleHealth());
				return health.get().size() == count && health.get().values().stream().allMatch("ok"::equals);
			});
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError(
					"Rules not all evaluated without error: " + health.get() + "\n" + this.prometheus.log(), ex);
		}
	}

	/**
	 * Return the health of each rule, or {@code not evaluated}.
	 */
	private Map<String, String> ruleHealth() throws Exception {
		Map<String, String> health = new LinkedHashMap<>();
		for (JsonNode group : this.prometheus.ruleGroups()) {
			for (JsonNode rule : group.path("rules")) {
				boolean evaluated = !rule.path("lastEvaluation").asText().startsWith("0001-");
				health.put(rule.path("name").asText(), evaluated ? rule.path("health").asText() : "not evaluated");
			}
		}
		return health;
	}

	private JsonNode awaitResult(String expression, Predicate<JsonNode> condition) {
		AtomicReference<JsonNode> last = new AtomicReference<>();
		try {
			return await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).until(() -> {
				last.set(query(expression));
				return last.get();
			}, condition);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Timed out after %s waiting for %s; last result: %s%nPrometheus log:%n%s"
				.formatted(TIMEOUT, expression, last.get(), this.prometheus.log()), ex);
		}
	}

	private JsonNode query(String expression) throws Exception {
		JsonNode response = this.prometheus.query(expression);
		assertThat(response.path("status").asText()).as("status of %s: %s", expression, response).isEqualTo("success");
		return response.path("data").path("result");
	}

	private List<X509Certificate> rotate(Path certs) throws Exception {
		Path staging = Files.createDirectory(this.workingDirectory.resolve("staging"));
		new DevelopmentCertificateGenerator(Clock.systemUTC(), Duration.ofDays(30)).generate(staging.resolve("tls.crt"),
				staging.resolve("tls.key"));
		List<X509Certificate> rotated = readCertificates(staging.resolve("tls.crt"));
		Files.move(staging.resolve("ca.crt"), certs.resolve("ca.crt"), StandardCopyOption.REPLACE_EXISTING);
		Files.move(staging.resolve("tls.key"), certs.resolve("tls.key"), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
		Files.move(staging.resolve("tls.crt"), certs.resolve("tls.crt"), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
		return rotated;
	}

	private static Set<String> serials(JsonNode result) {
		return serialsOf(result, "serial");
	}

	private static Set<String> serialsOf(JsonNode result, String label) {
		Set<String> values = new TreeSet<>();
		result.forEach((series) -> values.add(series.path("metric").path(label).asText()));
		return values;
	}

	private static Set<String> serials(List<X509Certificate> certificates) {
		Set<String> serials = new TreeSet<>();
		certificates.forEach((certificate) -> serials.add(serial(certificate)));
		return serials;
	}

	private static String serial(X509Certificate certificate) {
		return certificate.getSerialNumber().toString(16);
	}

	/**
	 * Escape a value the way Grafana escapes a multi-value variable inside a regular
	 * expression matcher.
	 */
	private static String regex(String value) {
		return value.replace("\\", "\\\\\\\\").replaceAll("[$^*+?.()|\\[\\]{}/]", "\\\\\\\\$0");
	}

	@SuppressWarnings("unchecked")
	private static List<X509Certificate> readCertificates(Path file) throws Exception {
		try (InputStream in = Files.newInputStream(file)) {
			return (List<X509Certificate>) (List<?>) new ArrayList<>(
					CertificateFactory.getInstance("X.509").generateCertificates(in));
		}
	}

}
