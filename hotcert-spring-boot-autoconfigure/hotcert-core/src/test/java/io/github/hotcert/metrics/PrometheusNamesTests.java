package io.github.hotcert.metrics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.ReloadTrigger;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The names under which Prometheus sees hotcert's meters: a public contract that
 * dashboards and alert rules depend on.
 */
class PrometheusNamesTests {

	@TempDir
	Path directory;

	@Test
	void meterNamesBecomeThePrometheusNamesOfTheContract() {
		PrometheusText text = PrometheusText.parse(scrape(this.directory));
		assertThat(text.names()).filteredOn((name) -> name.startsWith("hotcert_"))
			.containsExactlyInAnyOrder("hotcert_certificate_expiration_timestamp_seconds",
					"hotcert_certificate_not_before_timestamp_seconds", "hotcert_reload_total",
					"hotcert_reload_duration_seconds_bucket", "hotcert_reload_duration_seconds_count",
					"hotcert_reload_duration_seconds_sum", "hotcert_reload_duration_seconds_max",
					"hotcert_reload_last_success_timestamp_seconds", "hotcert_reload_consecutive_failures",
					"hotcert_reload_pending_change", "hotcert_certificate_info", "hotcert_restart_required",
					"hotcert_bundle_reload_seconds_count", "hotcert_bundle_reload_seconds_sum",
					"hotcert_bundle_reload_seconds_max", "hotcert_bundle_reload_active_seconds_count",
					"hotcert_bundle_reload_active_seconds_sum", "hotcert_bundle_reload_active_seconds_max",
					"hotcert_acme_orders_total", "hotcert_acme_next_renewal_timestamp_seconds",
					"hotcert_acme_consecutive_failures", "hotcert_acme_temporary_certificate");
	}

	@Test
	void labelsAreTheTagsOfTheContract() {
		PrometheusText text = PrometheusText.parse(scrape(this.directory));
		assertThat(text.samples("hotcert_certificate_expiration_timestamp_seconds"))
			.allSatisfy((sample) -> assertThat(sample.labels()).containsOnlyKeys("bundle", "store", "serial",
					"subject_cn", "issuer_cn", "leaf"));
		assertThat(text.samples("hotcert_reload_total")).allSatisfy(
				(sample) -> assertThat(sample.labels()).containsOnlyKeys("bundle", "trigger", "outcome", "reason"));
		assertThat(text.samples("hotcert_reload_duration_seconds_bucket"))
			.allSatisfy((sample) -> assertThat(sample.labels()).containsOnlyKeys("bundle", "outcome", "le"));
		assertThat(text.samples("hotcert_reload_duration_seconds_bucket", "outcome", "reloaded"))
			.extracting((sample) -> sample.label("le"))
			.containsExactly("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0",
					"+Inf");
		assertThat(text.samples("hotcert_certificate_info")).singleElement()
			.satisfies((sample) -> assertThat(sample.labels()).containsOnlyKeys("bundle", "serial", "fingerprint"));
		assertThat(text.samples("hotcert_bundle_reload_seconds_count"))
			.allSatisfy((sample) -> assertThat(sample.labels()).containsOnlyKeys("bundle", "trigger", "outcome",
					"reason", "error"));
		assertThat(text.samples("hotcert_acme_orders_total")).isNotEmpty()
			.allSatisfy((sample) -> assertThat(sample.labels()).containsOnlyKeys("bundle", "outcome", "reason"));
		for (String gauge : List.of("hotcert_reload_last_success_timestamp_seconds",
				"hotcert_reload_consecutive_failures", "hotcert_reload_pending_change", "hotcert_restart_required",
				"hotcert_acme_next_renewal_timestamp_seconds", "hotcert_acme_consecutive_failures",
				"hotcert_acme_temporary_certificate")) {
			assertThat(text.samples(gauge)).singleElement()
				.satisfies((sample) -> assertThat(sample.labels()).containsOnlyKeys("bundle"));
		}
	}

	/**
	 * Return what {@code /actuator/prometheus} shows for one served bundle that was
	 * reloaded once, with reloads observed as in an application with actuator, and one
	 * ACME bundle.
	 * @param directory a directory for the bundle's files
	 * @return the Prometheus text
	 */
	static String scrape(Path directory) {
		MetricsFixture fixture = new MetricsFixture(directory);
		fixture.bundle("web", "web.example");
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		ReloadMetrics reloadMetrics = fixture.bindObserved(registry);
		AcmeMetrics acmeMetrics = new AcmeMetrics(MetricsFixture.acmeBundles(directory.resolve("acme")));
		acmeMetrics.bindTo(registry);
		fixture.reloader().initialize();
		reloadMetrics.record(new ReloadResult("web", ReloadTrigger.WATCH, ReloadOutcome.RELOADED, fixture.now(),
				Duration.ofMillis(40), null, null, null, "test", List.of(), null));
		return registry.scrape();
	}

}
