package io.github.hotcert.metrics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.hotcert.reload.HotcertStartedEvent;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.ReloadTrigger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link ReloadMetrics}.
 */
class ReloadMetricsTests {

	@TempDir
	Path directory;

	private MetricsFixture fixture;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, new MockClock());

	@BeforeEach
	void createFixture() {
		this.fixture = new MetricsFixture(this.directory);
		this.fixture.bundle("web", "first.example");
	}

	@Test
	void countsEachReloadByBundleTriggerOutcomeAndReason() {
		ReloadMetrics metrics = new ReloadMetrics(this.fixture.reloader());
		metrics.bindTo(this.registry);
		metrics.record(result("web", ReloadTrigger.MANUAL, ReloadOutcome.RELOADED, null, Duration.ofMillis(3)));
		metrics.record(result("web", ReloadTrigger.MANUAL, ReloadOutcome.RELOADED, null, Duration.ofMillis(3)));
		metrics.record(result("web", ReloadTrigger.POLL, ReloadOutcome.REJECTED, "handshake", Duration.ofMillis(3)));
		Counter manual = this.registry.get(ReloadMetrics.RELOADS).tag("trigger", "manual").counter();
		assertThat(manual.count()).isEqualTo(2);
		assertThat(manual.getId().getTags()).extracting("key", "value")
			.containsExactlyInAnyOrder(tuple("bundle", "web"), tuple("trigger", "manual"), tuple("outcome", "reloaded"),
					tuple("reason", "none"));
		Counter rejected = this.registry.get(ReloadMetrics.RELOADS).tag("outcome", "rejected").counter();
		assertThat(rejected.count()).isEqualTo(1);
		assertThat(rejected.getId().getTag("trigger")).isEqualTo("poll");
		assertThat(rejected.getId().getTag("reason")).isEqualTo("handshake");
	}

	@Test
	void countsEveryTriggerAndOutcomeUnderItsLowerCaseName() {
		ReloadMetrics metrics = new ReloadMetrics(this.fixture.reloader());
		metrics.bindTo(this.registry);
		for (ReloadTrigger trigger : ReloadTrigger.values()) {
			for (ReloadOutcome outcome : ReloadOutcome.values()) {
				metrics.record(result("web", trigger, outcome, null, Duration.ZERO));
			}
		}
		assertThat(this.registry.find(ReloadMetrics.RELOADS).counters())
			.extracting((counter) -> counter.getId().getTag("trigger"))
			.containsOnly("startup", "watch", "poll", "manual", "signal", "retry", "registry", "configuration", "acme");
		assertThat(this.registry.find(ReloadMetrics.RELOADS).counters())
			.extracting((counter) -> counter.getId().getTag("outcome"))
			.containsOnly("reloaded", "unchanged", "rejected", "valid");
		assertThat(this.registry.find(ReloadMetrics.RELOADS).counters())
			.allSatisfy((counter) -> assertThat(counter.count()).isEqualTo(1));
	}

	@Test
	void countsReloadsOfARealReloaderWithTheFailedCheckAsReason() {
		bindAndStart();
		this.fixture.writeMismatched("web", this.fixture.issue("second.example"), this.fixture.issue("other"));
		this.fixture.reload("web");
		assertThat(this.registry.get(ReloadMetrics.RELOADS)
			.tags("trigger", "startup", "outcome", "unchanged", "reason", "none")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.get(ReloadMetrics.RELOADS)
			.tags("trigger", "watch", "outcome", "rejected", "reason", "key-match")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void registersTheWatchSeriesAtZeroForEveryBundleWhenHotcertStarts() {
		this.fixture.bundle("api", "api.example");
		ReloadMetrics metrics = new ReloadMetrics(this.fixture.reloader());
		metrics.bindTo(this.registry);
		assertThat(this.registry.getMeters()).as("registered while the application starts").isEmpty();
		metrics.onApplicationEvent(new HotcertStartedEvent(this));
		assertThat(this.registry.find(ReloadMetrics.RELOADS).counters())
			.extracting((counter) -> counter.getId().getTag("bundle"), (counter) -> counter.getId().getTag("trigger"),
					(counter) -> counter.getId().getTag("outcome"), (counter) -> counter.getId().getTag("reason"),
					Counter::count)
			.containsExactlyInAnyOrder(tuple("web", "watch", "reloaded", "none", 0.0),
					tuple("web", "watch", "unchanged", "none", 0.0), tuple("api", "watch", "reloaded", "none", 0.0),
					tuple("api", "watch", "unchanged", "none", 0.0));
		assertThat(this.registry.find(ReloadMetrics.DURATION).timers())
			.extracting((timer) -> timer.getId().getTag("bundle"), (timer) -> timer.getId().getTag("outcome"))
			.containsExactlyInAnyOrder(tuple("web", "reloaded"), tuple("web", "unchanged"), tuple("web", "rejected"),
					tuple("api", "reloaded"), tuple("api", "unchanged"), tuple("api", "rejected"));
	}

	@Test
	void timesEachReloadByBundleAndOutcome() {
		ReloadMetrics metrics = new ReloadMetrics(this.fixture.reloader());
		metrics.bindTo(this.registry);
		metrics.record(result("web", ReloadTrigger.WATCH, ReloadOutcome.RELOADED, null, Duration.ofMillis(120)));
		metrics.record(result("web", ReloadTrigger.MANUAL, ReloadOutcome.RELOADED, null, Duration.ofMillis(30)));
		metrics.record(result("web", ReloadTrigger.WATCH, ReloadOutcome.REJECTED, "parse", Duration.ofMillis(7)));
		Timer reloaded = this.registry.get(ReloadMetrics.DURATION).tag("outcome", "reloaded").timer();
		assertThat(reloaded.count()).isEqualTo(2);
		assertThat(reloaded.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(150);
		assertThat(reloaded.getId().getTags()).extracting("key", "value")
			.containsExactlyInAnyOrder(tuple("bundle", "web"), tuple("outcome", "reloaded"));
		Timer rejected = this.registry.get(ReloadMetrics.DURATION).tag("outcome", "rejected").timer();
		assertThat(rejected.count()).isEqualTo(1);
		assertThat(rejected.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(7);
	}

	@Test
	void publishesDurationBucketsFromFiveMillisecondsToTenSeconds() {
		ReloadMetrics metrics = new ReloadMetrics(this.fixture.reloader());
		metrics.bindTo(this.registry);
		metrics.record(result("web", ReloadTrigger.WATCH, ReloadOutcome.RELOADED, null, Duration.ofMillis(120)));
		CountAtBucket[] buckets = this.registry.get(ReloadMetrics.DURATION)
			.tag("outcome", "reloaded")
			.timer()
			.takeSnapshot()
			.histogramCounts();
		assertThat(buckets).extracting((bucket) -> bucket.bucket(TimeUnit.MILLISECONDS))
			.containsExactly(5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0, 10000.0);
		assertThat(buckets).extracting(CountAtBucket::count)
			.containsExactly(0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
	}

	@Test
	void lastSuccessTimestampIsWhenMaterialWasLastPublished() {
		ReloadMetrics metrics = new ReloadMetrics(this.fixture.reloader());
		metrics.bindTo(this.registry);
		metrics.onApplicationEvent(new HotcertStartedEvent(this));
		Gauge lastSuccess = this.registry.get(ReloadMetrics.LAST_SUCCESS).tag("bundle", "web").gauge();
		assertThat(lastSuccess.getId().getBaseUnit()).isEqualTo("seconds");
		assertThat(lastSuccess.value()).isNaN();
		this.fixture.listen(new CertificateMetrics(this.fixture.reloader()), metrics);
		this.fixture.reloader().initialize();
		assertThat(lastSuccess.value()).isEqualTo(MetricsFixture.START.getEpochSecond());
		this.fixture.advance(Duration.ofMinutes(10).plusMillis(250));
		this.fixture.write("web", this.fixture.issue("second.example"));
		this.fixture.reload("web");
		assertThat(lastSuccess.value()).isEqualTo(MetricsFixture.START.getEpochSecond() + 600.25);
		this.fixture.advance(Duration.ofMinutes(10));
		this.fixture.writeMismatched("web", this.fixture.issue("third.example"), this.fixture.issue("other"));
		this.fixture.reload("web");
		assertThat(lastSuccess.value()).as("a rejection is not a success")
			.isEqualTo(MetricsFixture.START.getEpochSecond() + 600.25);
	}

	@Test
	void consecutiveFailuresCountRejectionsInARowUntilTheNextSuccess() {
		bindAndStart();
		Gauge failures = this.registry.get(ReloadMetrics.CONSECUTIVE_FAILURES).tag("bundle", "web").gauge();
		assertThat(failures.value()).isZero();
		this.fixture.writeMismatched("web", this.fixture.issue("second.example"), this.fixture.issue("other"));
		this.fixture.reload("web");
		this.fixture.writeMismatched("web", this.fixture.issue("third.example"), this.fixture.issue("other"));
		this.fixture.reload("web");
		assertThat(failures.value()).isEqualTo(2);
		this.fixture.write("web", this.fixture.issue("fourth.example"));
		this.fixture.reload("web");
		assertThat(failures.value()).isZero();
		assertThat(failures.getId().getTags()).extracting("key", "value").containsExactly(tuple("bundle", "web"));
	}

	@Test
	void pendingChangeIsOneWhileTheFilesHoldMaterialThatIsNotServed() {
		bindAndStart();
		Gauge pending = this.registry.get(ReloadMetrics.PENDING_CHANGE).tag("bundle", "web").gauge();
		assertThat(pending.value()).isZero();
		this.fixture.writeMismatched("web", this.fixture.issue("second.example"), this.fixture.issue("other"));
		this.fixture.reload("web");
		assertThat(pending.value()).isOne();
		this.fixture.write("web", this.fixture.issue("third.example"));
		this.fixture.reload("web");
		assertThat(pending.value()).isZero();
	}

	@Test
	void restartRequiredIsOneOnceMaterialIsPublishedThatAConsumerCannotFollow() {
		bindAndStart();
		Gauge restartRequired = this.registry.get(ReloadMetrics.RESTART_REQUIRED).tag("bundle", "web").gauge();
		this.fixture.reloader().getBundle("web").addConsumerThatCannotFollow("fixed server");
		assertThat(restartRequired.value()).isZero();
		this.fixture.writeMismatched("web", this.fixture.issue("second.example"), this.fixture.issue("other"));
		this.fixture.reload("web");
		assertThat(restartRequired.value()).as("rejected material is not published").isZero();
		this.fixture.write("web", this.fixture.issue("third.example"));
		this.fixture.reload("web");
		assertThat(restartRequired.value()).isOne();
		assertThat(restartRequired.getId().getTags()).extracting("key", "value")
			.containsExactly(tuple("bundle", "web"));
	}

	@Test
	void recordsToEveryBoundRegistry() {
		SimpleMeterRegistry other = new SimpleMeterRegistry(SimpleConfig.DEFAULT, new MockClock());
		ReloadMetrics metrics = new ReloadMetrics(this.fixture.reloader());
		metrics.bindTo(this.registry);
		metrics.bindTo(other);
		metrics.record(result("web", ReloadTrigger.SIGNAL, ReloadOutcome.RELOADED, null, Duration.ofMillis(1)));
		for (SimpleMeterRegistry each : List.of(this.registry, other)) {
			assertThat(each.get(ReloadMetrics.RELOADS).tag("trigger", "signal").counter().count()).isOne();
			assertThat(each.get(ReloadMetrics.CONSECUTIVE_FAILURES).gauge()).isNotNull();
		}
	}

	@Test
	void registersTheMetersAtTheFirstReloadWhenItComesBeforeHotcertStarts() {
		ReloadMetrics metrics = new ReloadMetrics(this.fixture.reloader());
		metrics.bindTo(this.registry);
		assertThat(this.registry.getMeters()).isEmpty();
		metrics.record(result("web", ReloadTrigger.MANUAL, ReloadOutcome.RELOADED, null, Duration.ofMillis(1)));
		assertThat(this.registry.get(ReloadMetrics.RELOADS).tag("trigger", "manual").counter().count()).isOne();
		assertThat(this.registry.get(ReloadMetrics.RELOADS)
			.tags("trigger", "watch", "outcome", "reloaded")
			.counter()
			.count()).isZero();
		assertThat(this.registry.get(ReloadMetrics.CONSECUTIVE_FAILURES).tag("bundle", "web").gauge()).isNotNull();
	}

	@Test
	void registersTheMetersAtOnceInARegistryBoundAfterHotcertStarted() {
		SimpleMeterRegistry other = new SimpleMeterRegistry(SimpleConfig.DEFAULT, new MockClock());
		ReloadMetrics metrics = new ReloadMetrics(this.fixture.reloader());
		metrics.bindTo(this.registry);
		metrics.onApplicationEvent(new HotcertStartedEvent(this));
		metrics.bindTo(other);
		assertThat(other.get(ReloadMetrics.CONSECUTIVE_FAILURES).tag("bundle", "web").gauge()).isNotNull();
	}

	private void bindAndStart() {
		ReloadMetrics metrics = new ReloadMetrics(this.fixture.reloader());
		metrics.bindTo(this.registry);
		this.fixture.listen(new CertificateMetrics(this.fixture.reloader()), metrics);
		this.fixture.reloader().initialize();
	}

	private ReloadResult result(String bundle, ReloadTrigger trigger, ReloadOutcome outcome, String reason,
			Duration duration) {
		return new ReloadResult(bundle, trigger, outcome, this.fixture.now(), duration, null, null, reason, "test",
				List.of(), null);
	}

}
