package io.github.hotcert.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.HotcertStartedEvent;
import io.github.hotcert.reload.ManagedBundle;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.ReloadTrigger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.ApplicationListener;
import org.springframework.util.Assert;

/**
 * {@link MeterBinder} for the reloads of the managed bundles: a counter and a timer that
 * {@link #record(ReloadResult) record} each reload, and gauges of each bundle's state
 * (last success, consecutive failures, change waiting on disk, restart required).
 * <p>
 * The meters are registered when hotcert starts its work ({@link HotcertStartedEvent},
 * {@code hotcert.startup.delay} after the application started), or at the first reload if
 * that comes sooner: binding only remembers the registry, so that registering does not
 * compete with the application's first requests. The series an operator most often
 * graphs, reloads and unchanged reloads started by the file watcher, are registered at
 * zero then, before the watcher reports a change, so that the first reload after a
 * restart shows in {@code increase()} and {@code rate()}.
 */
public class ReloadMetrics implements MeterBinder, ApplicationListener<HotcertStartedEvent> {

	/**
	 * Name of the counter of reloads.
	 */
	public static final String RELOADS = "hotcert.reload";

	/**
	 * Name of the timer of reloads.
	 */
	public static final String DURATION = "hotcert.reload.duration";

	/**
	 * Name of the gauge of the time of the last successful reload.
	 */
	public static final String LAST_SUCCESS = "hotcert.reload.last.success.timestamp";

	/**
	 * Name of the gauge of the number of reloads rejected in a row.
	 */
	public static final String CONSECUTIVE_FAILURES = "hotcert.reload.consecutive.failures";

	/**
	 * Name of the gauge that is 1 when the source holds material that is not served.
	 */
	public static final String PENDING_CHANGE = "hotcert.reload.pending.change";

	/**
	 * Name of the gauge that is 1 when a consumer of the bundle serves older material
	 * than the bundle until the application restarts.
	 */
	public static final String RESTART_REQUIRED = "hotcert.restart.required";

	private static final Duration[] DURATION_BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10),
			Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
			Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
			Duration.ofSeconds(10) };

	private static final String NO_REASON = "none";

	private final CertificateReloader reloader;

	private final Set<MeterRegistry> bound = new LinkedHashSet<>();

	private final Set<MeterRegistry> registries = new CopyOnWriteArraySet<>();

	private boolean started;

	/**
	 * Create a new {@link ReloadMetrics}.
	 * @param reloader the reloader whose bundles are measured
	 */
	public ReloadMetrics(CertificateReloader reloader) {
		Assert.notNull(reloader, "'reloader' must not be null");
		this.reloader = reloader;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		this.bound.add(registry);
		if (this.started) {
			register(registry);
		}
	}

	@Override
	public void onApplicationEvent(HotcertStartedEvent event) {
		registerMeters();
	}

	/**
	 * Register the meters in every registry this binder is bound to, now and on later
	 * binding. Does nothing for a registry that has them.
	 */
	private synchronized void registerMeters() {
		this.started = true;
		this.bound.forEach(this::register);
	}

	private void register(MeterRegistry registry) {
		if (this.registries.contains(registry)) {
			return;
		}
		for (ManagedBundle bundle : this.reloader.getBundles()) {
			String name = bundle.getName();
			Gauge.builder(LAST_SUCCESS, bundle, ReloadMetrics::lastSuccess)
				.description("When material was last published (or adopted at startup), in seconds since the epoch")
				.baseUnit("seconds")
				.tag("bundle", name)
				.strongReference(true)
				.register(registry);
			Gauge.builder(CONSECUTIVE_FAILURES, bundle, ManagedBundle::getConsecutiveFailures)
				.description("Number of reloads rejected in a row since the last success")
				.tag("bundle", name)
				.strongReference(true)
				.register(registry);
			Gauge.builder(PENDING_CHANGE, bundle, ReloadMetrics::pendingChange)
				.description("1 when the files hold material that differs from the material served, otherwise 0 "
						+ "(NaN while the material served at startup is being validated)")
				.tag("bundle", name)
				.strongReference(true)
				.register(registry);
			Gauge.builder(RESTART_REQUIRED, bundle, (managed) -> (managed.getRestartRequired() != null) ? 1 : 0)
				.description("1 when a consumer of the bundle that cannot follow reloads serves older material than "
						+ "the bundle until the application restarts, otherwise 0")
				.tag("bundle", name)
				.strongReference(true)
				.register(registry);
			counter(registry, name, ReloadTrigger.WATCH, ReloadOutcome.RELOADED, NO_REASON);
			counter(registry, name, ReloadTrigger.WATCH, ReloadOutcome.UNCHANGED, NO_REASON);
			for (ReloadOutcome outcome : new ReloadOutcome[] { ReloadOutcome.RELOADED, ReloadOutcome.UNCHANGED,
					ReloadOutcome.REJECTED }) {
				timer(registry, name, outcome);
			}
		}
		this.registries.add(registry);
	}

	/**
	 * Count and time one reload in every bound registry, registering the meters first if
	 * they are not yet. A reload of files that are still being written
	 * ({@link ReloadOutcome#SETTLING}) is not counted.
	 * @param result the result of the reload
	 */
	public void record(ReloadResult result) {
		Assert.notNull(result, "'result' must not be null");
		if (result.outcome() == ReloadOutcome.SETTLING) {
			return;
		}
		// Once this returns, every bound registry has the meters: a reload that comes
		// while they are registered is counted after them
		registerMeters();
		for (MeterRegistry registry : this.registries) {
			counter(registry, result.bundle(), result.trigger(), result.outcome(), result.reasonTag()).increment();
			if (result.duration() != null) {
				timer(registry, result.bundle(), result.outcome()).record(result.duration());
			}
		}
	}

	private static Counter counter(MeterRegistry registry, String bundle, ReloadTrigger trigger, ReloadOutcome outcome,
			String reason) {
		return Counter.builder(RELOADS)
			.description("Reloads of a bundle, by what started them, how they ended and why material was rejected")
			.tag("bundle", bundle)
			.tag("trigger", trigger.id())
			.tag("outcome", outcome.id())
			.tag("reason", (reason != null) ? reason : NO_REASON)
			.register(registry);
	}

	private static Timer timer(MeterRegistry registry, String bundle, ReloadOutcome outcome) {
		return Timer.builder(DURATION)
			.description("How long reloads take, from reading the files to publishing the material")
			.tag("bundle", bundle)
			.tag("outcome", outcome.id())
			.serviceLevelObjectives(DURATION_BUCKETS)
			.register(registry);
	}

	private static double pendingChange(ManagedBundle bundle) {
		if (bundle.isValidating()) {
			return Double.NaN;
		}
		return bundle.hasPendingChange() ? 1 : 0;
	}

	private static double lastSuccess(ManagedBundle bundle) {
		Instant lastSuccess = bundle.getLastSuccess();
		return (lastSuccess != null) ? lastSuccess.toEpochMilli() / 1000.0 : Double.NaN;
	}

}
