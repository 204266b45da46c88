package io.github.hotcert.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/metrics.md}, the Grafana dashboard and the Prometheus alert rules in
 * step with the meters hotcert publishes.
 */
class MetricsDocumentationTests {

	private static final Path DOCS = Path.of(System.getProperty("basedir", "."), "..", "..", "docs");

	private static final Pattern METRIC_NAME = Pattern.compile("\\bhotcert_[a-z_]+");

	@TempDir
	Path directory;

	@Test
	void everyMeterIsDocumentedWithItsMicrometerAndPrometheusNames() throws IOException {
		String metrics = read("metrics.md");
		for (String name : List.of(CertificateMetrics.EXPIRATION, CertificateMetrics.NOT_BEFORE, ReloadMetrics.RELOADS,
				ReloadMetrics.DURATION, ReloadMetrics.LAST_SUCCESS, ReloadMetrics.CONSECUTIVE_FAILURES,
				ReloadMetrics.PENDING_CHANGE, CertificateMetrics.INFO, ReloadMetrics.RESTART_REQUIRED,
				AcmeMetrics.ORDERS, AcmeMetrics.NEXT_RENEWAL, AcmeMetrics.CONSECUTIVE_FAILURES,
				AcmeMetrics.TEMPORARY)) {
			assertThat(metrics).contains("`" + name + "`");
		}
		Set<String> published = publishedNames();
		assertThat(published).isNotEmpty();
		for (String name : published) {
			assertThat(metrics).as("docs/metrics.md names %s", name)
				.contains(name.replaceAll("_(bucket|count|sum|max)$", ""));
		}
	}

	@Test
	void everyMetricInTheDocsDashboardAndRulesIsPublished() throws IOException {
		Set<String> published = publishedNames();
		for (String file : List.of("metrics.md", "grafana/hotcert-dashboard.json", "prometheus/hotcert-alerts.yml",
				"prometheus/hotcert-alerts-tests.yml")) {
			Matcher matcher = METRIC_NAME.matcher(read(file));
			List<String> referenced = new ArrayList<>();
			while (matcher.find()) {
				referenced.add(matcher.group());
			}
			assertThat(referenced).as("metrics named in %s", file).isNotEmpty();
			assertThat(published).as("metrics named in %s", file).containsAll(referenced);
		}
	}

	@Test
	void dashboardHasADataSourceVariableAndJobInstanceAndBundleVariables() throws IOException {
		JsonNode dashboard = dashboard();
		Map<String, JsonNode> variables = new LinkedHashMap<>();
		dashboard.path("templating")
			.path("list")
			.forEach((variable) -> variables.put(variable.path("name").asText(), variable));
		assertThat(variables).containsOnlyKeys("datasource", "job", "instance", "bundle");
		assertThat(variables.get("datasource").path("type").asText()).isEqualTo("datasource");
		assertThat(variables.get("datasource").path("query").asText()).isEqualTo("prometheus");
		for (String name : List.of("job", "instance", "bundle")) {
			JsonNode variable = variables.get(name);
			assertThat(variable.path("type").asText()).isEqualTo("query");
			assertThat(variable.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
			assertThat(variable.path("definition").asText()).startsWith("label_values(").endsWith(", " + name + ")");
			assertThat(variable.path("query").path("query").asText()).isEqualTo(variable.path("definition").asText());
			assertThat(variable.path("includeAll").asBoolean()).isTrue();
			assertThat(variable.path("allValue").asText()).isEqualTo(".*");
		}
		assertThat(dashboard.path("id").isNull()).isTrue();
		assertThat(dashboard.path("uid").asText()).isEqualTo("hotcert");
		assertThat(dashboard.path("schemaVersion").asInt()).isBetween(36, 41);
	}

	@Test
	void dashboardHasThePanelsOperatorsNeed() throws IOException {
		Map<String, String> panels = new LinkedHashMap<>();
		dashboard().path("panels")
			.forEach((panel) -> panels.put(panel.path("title").asText(), panel.path("type").asText()));
		assertThat(panels).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
				Map.entry("Time to expiry per certificate", "table"),
				Map.entry("Certificates expiring within 14 days", "stat"),
				Map.entry("Certificates expiring within 30 days", "stat"),
				Map.entry("Reloads by outcome", "timeseries"), Map.entry("Time since last successful reload", "stat"),
				Map.entry("Consecutive failures", "stat"), Map.entry("Reload duration p95", "timeseries"),
				Map.entry("Distinct certificates per bundle", "stat"),
				Map.entry("Earliest expiry in the fleet", "stat"), Map.entry("Files differ from served", "stat"),
				Map.entry("Restart required", "stat"), Map.entry("Served certificate per instance", "table")));
	}

	@Test
	void everyDashboardQueryUsesTheVariables() throws IOException {
		List<JsonNode> targets = new ArrayList<>();
		Set<Integer> ids = new LinkedHashSet<>();
		dashboard().path("panels").forEach((panel) -> {
			assertThat(ids.add(panel.path("id").asInt())).as("unique panel id").isTrue();
			assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
			assertThat(panel.path("targets")).as("targets of %s", panel.path("title")).isNotEmpty();
			panel.path("targets").forEach(targets::add);
		});
		for (JsonNode target : targets) {
			String expr = target.path("expr").asText();
			assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
			assertThat(expr).contains("job=~\"$job\"", "instance=~\"$instance\"", "bundle=~\"$bundle\"");
		}
	}

	@Test
	void fleetPanelsShowEveryInstanceAndCompareTheServedFingerprints() throws IOException {
		Map<String, String> queries = new LinkedHashMap<>();
		dashboard().path("panels")
			.forEach((panel) -> queries.put(panel.path("title").asText(),
					panel.path("targets").get(0).path("expr").asText()));
		assertThat(queries.get("Served certificate per instance")).startsWith("hotcert_certificate_info{");
		assertThat(queries.get("Distinct certificates per bundle"))
			.startsWith("count by (job, bundle) (count by (job, bundle, fingerprint) (hotcert_certificate_info{");
		assertThat(queries.get("Restart required")).contains("by (job, instance, bundle)", "hotcert_restart_required");
		assertThat(queries.get("Files differ from served")).contains("by (job, instance, bundle)",
				"hotcert_reload_pending_change");
		assertThat(queries.get("Earliest expiry in the fleet")).startsWith("min by (job, bundle) (");
	}

	@Test
	void expiryTableIsSortedSoonestFirst() throws IOException {
		JsonNode table = null;
		for (JsonNode panel : dashboard().path("panels")) {
			if (panel.path("title").asText().equals("Time to expiry per certificate")) {
				table = panel;
			}
		}
		assertThat(table).isNotNull();
		assertThat(table.path("targets").get(0).path("expr").asText()).startsWith("sort(");
		assertThat(table.path("options").path("sortBy").get(0).path("desc").asBoolean()).isFalse();
		assertThat(table.path("options").path("sortBy").get(0).path("displayName").asText()).isEqualTo("Expires in");
	}

	@Test
	@SuppressWarnings("unchecked")
	void alertRulesHaveTheAlertsOfTheContract() throws IOException {
		Map<String, Object> rules = new Yaml().load(read("prometheus/hotcert-alerts.yml"));
		List<Map<String, Object>> groups = (List<Map<String, Object>>) rules.get("groups");
		Map<String, String> severities = new LinkedHashMap<>();
		for (Map<String, Object> group : groups) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				severities.put((String) rule.get("alert"), ((Map<String, String>) rule.get("labels")).get("severity"));
				assertThat(((Map<String, String>) rule.get("annotations"))).containsKeys("summary", "description");
			}
		}
		assertThat(severities).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
				Map.entry("CertificateExpiringSoon", "warning"), Map.entry("CertificateExpiringCritical", "critical"),
				Map.entry("CertificateExpired", "critical"), Map.entry("CertificateReloadFailing", "warning"),
				Map.entry("CertificateRenewalNotServed", "warning"), Map.entry("CertificateRenewalOverdue", "warning"),
				Map.entry("CertificateServedInconsistently", "warning"),
				Map.entry("CertificateFleetExpiringSoon", "warning"),
				Map.entry("CertificateRestartRequired", "warning")));
		assertThat(read("metrics.md")).contains(severities.keySet().stream().map((name) -> "`" + name + "`").toList());
	}

	private Set<String> publishedNames() {
		return new LinkedHashSet<>(PrometheusText.parse(PrometheusNamesTests.scrape(this.directory))
			.names()
			.stream()
			.filter((name) -> name.startsWith("hotcert_"))
			.toList());
	}

	private static JsonNode dashboard() throws IOException {
		return new ObjectMapper().readTree(read("grafana/hotcert-dashboard.json"));
	}

	private static String read(String file) throws IOException {
		return Files.readString(DOCS.resolve(file));
	}

}
