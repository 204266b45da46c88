package io.github.hotcert.metrics;

import java.nio.file.Path;
import java.util.List;

import io.github.hotcert.reload.DefaultReloadObservationConvention;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the meters of the reload observation next to hotcert's own reload meters, the
 * way an application with actuator records them: Micrometer's
 * {@link DefaultMeterObservationHandler} on the same {@link MeterRegistry}.
 */
class ReloadObservationMetricsTests {

	private static final String OBSERVATION = DefaultReloadObservationConvention.NAME;

	@TempDir
	Path directory;

	@Test
	void observationMetersKeepTheirOwnNameAndLeaveTheReloadMetersAsDocumented() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		reloadObservedThreeTimes(registry);
		assertThat(registry.get(ReloadMetrics.RELOADS).counters()).isNotEmpty()
			.allSatisfy((counter) -> assertThat(tagKeys(counter)).containsExactly("bundle", "outcome", "reason",
					"trigger"));
		assertThat(registry.get(ReloadMetrics.DURATION).timers()).isNotEmpty()
			.allSatisfy((timer) -> assertThat(tagKeys(timer)).containsExactly("bundle", "outcome"));
		assertThat(registry.get(OBSERVATION).timers()).isNotEmpty()
			.allSatisfy((timer) -> assertThat(tagKeys(timer)).containsExactly("bundle", "error", "outcome", "reason",
					"trigger"));
		assertThat(registry.get(OBSERVATION).tags("trigger", "startup", "outcome", "unchanged").timer().count())
			.isOne();
		assertThat(registry.get(OBSERVATION).tags("trigger", "watch", "outcome", "reloaded").timer().count()).isOne();
		assertThat(registry.get(OBSERVATION)
			.tags("trigger", "watch", "outcome", "rejected", "reason", "key-match", "error", "none")
			.timer()
			.count()).isOne();
		assertThat(registry.get(OBSERVATION + ".active").longTaskTimers()).isNotEmpty()
			.allSatisfy((timer) -> assertThat(timer.activeTasks()).isZero());
		assertThat(registry.get(ReloadMetrics.RELOADS)
			.tags("trigger", "watch", "outcome", "rejected", "reason", "key-match")
			.counter()
			.count()).isOne();
	}

	@Test
	void prometheusPublishesTheObservationAndTheReloadMetersSideBySide() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		reloadObservedThreeTimes(registry);
		PrometheusText text = PrometheusText.parse(registry.scrape());
		assertThat(text.samples("hotcert_reload_total")).hasSizeGreaterThanOrEqualTo(3)
			.allSatisfy(
					(sample) -> assertThat(sample.labels()).containsOnlyKeys("bundle", "trigger", "outcome", "reason"));
		assertThat(text.samples("hotcert_reload_duration_seconds_count")).hasSize(3)
			.allSatisfy((sample) -> assertThat(sample.labels()).containsOnlyKeys("bundle", "outcome"));
		assertThat(text.samples("hotcert_bundle_reload_seconds_count")).hasSize(3)
			.allSatisfy((sample) -> assertThat(sample.labels()).containsOnlyKeys("bundle", "trigger", "outcome",
					"reason", "error"));
		assertThat(text.samples("hotcert_bundle_reload_active_seconds_count")).isNotEmpty()
			.allSatisfy(
					(sample) -> assertThat(sample.labels()).containsOnlyKeys("bundle", "trigger", "outcome", "reason"));
	}

	/**
	 * Adopt a bundle at startup, reload it, then reject a key that does not match, each
	 * observed by a registry that records observations as meters in the given registry.
	 */
	private void reloadObservedThreeTimes(MeterRegistry meterRegistry) {
		MetricsFixture fixture = new MetricsFixture(this.directory);
		fixture.bundle("web", "web.example");
		fixture.bindObserved(meterRegistry);
		fixture.reloader().initialize();
		Issued second = fixture.issue("second.example");
		fixture.write("web", second);
		fixture.reload("web");
		fixture.writeMismatched("web", fixture.issue("third.example"), second);
		fixture.reload("web");
	}

	private static List<String> tagKeys(Meter meter) {
		return meter.getId().getTags().stream().map(Tag::getKey).sorted().toList();
	}

}
