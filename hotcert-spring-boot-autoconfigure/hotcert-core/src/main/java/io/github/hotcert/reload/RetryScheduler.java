package io.github.hotcert.reload;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.hotcert.logging.LogFields;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Retries a rejected reload with exponential backoff until the bundle's material is
 * accepted or found unchanged: a certificate and a key written as two files moments apart
 * end up served without anyone asking again. A bundle refused when application code
 * published it through the registry is not retried: retrying reads the source, not that
 * bundle. Nor is a bundle without files: its material changes only with its
 * configuration. Runs on one thread, named {@value #THREAD_NAME}.
 */
public class RetryScheduler implements ApplicationListener<CertificateReloadEvent>, SmartLifecycle {

	/**
	 * The name of the retry thread.
	 */
	public static final String THREAD_NAME = "hotcert-retry";

	private static final Log logger = LogFactory.getLog(RetryScheduler.class);

	private final CertificateReloader reloader;

	private final Duration initialInterval;

	private final Duration maxInterval;

	private final Map<String, Retry> retries = new ConcurrentHashMap<>();

	private volatile ScheduledExecutorService executor;

	/**
	 * Create a new {@link RetryScheduler}.
	 * @param reloader the reloader
	 * @param initialInterval the delay before the first retry
	 * @param maxInterval the longest delay between two retries
	 */
	public RetryScheduler(CertificateReloader reloader, Duration initialInterval, Duration maxInterval) {
		Assert.isTrue(initialInterval != null && initialInterval.toMillis() > 0, "'initialInterval' must be positive");
		Assert.isTrue(maxInterval != null && maxInterval.compareTo(initialInterval) >= 0,
				"'maxInterval' must not be shorter than 'initialInterval'");
		this.reloader = reloader;
		this.initialInterval = initialInterval;
		this.maxInterval = maxInterval;
	}

	@Override
	public void onApplicationEvent(CertificateReloadEvent event) {
		ReloadResult result = event.getResult();
		ManagedBundle bundle = this.reloader.getBundle(result.bundle());
		if (bundle == null) {
			return;
		}
		switch (result.outcome()) {
			case RELOADED, UNCHANGED -> cancel(result.bundle());
			case REJECTED -> {
				if (result.trigger() != ReloadTrigger.REGISTRY && !bundle.getSource().getFiles().isEmpty()) {
					schedule(result.bundle());
				}
			}
			case VALID -> {
			}
		}
	}

	/**
	 * Return the delay before the given retry.
	 * @param attempt the retry, starting at 1
	 * @return the delay
	 */
	Duration delay(int attempt) {
		Duration delay = this.initialInterval;
		for (int i = 1; i < attempt && delay.compareTo(this.maxInterval) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		return (delay.compareTo(this.maxInterval) > 0) ? this.maxInterval : delay;
	}

	private void schedule(String bundle) {
		ScheduledExecutorService executor = this.executor;
		if (executor == null) {
			return;
		}
		this.retries.compute(bundle, (name, previous) -> {
			int attempt = (previous != null) ? previous.attempt() + 1 : 1;
			if (previous != null) {
				previous.future().cancel(false);
			}
			Duration delay = delay(attempt);
			LogFields.bundle(name)
				.and(LogFields.RETRY_ATTEMPT, attempt)
				.and(LogFields.RETRY_DELAY, delay)
				.debug(logger, () -> "Retrying SSL bundle '%s' in %s (retry %d)".formatted(name, delay, attempt));
			ScheduledFuture<?> future = executor.schedule(() -> retry(name), delay.toMillis(), TimeUnit.MILLISECONDS);
			return new Retry(attempt, future);
		});
	}

	private void retry(String bundle) {
		try {
			this.reloader.reload(bundle, ReloadRequest.of(ReloadTrigger.RETRY));
		}
		catch (RuntimeException ex) {
			LogFields.bundle(bundle)
				.and(LogFields.TRIGGER, ReloadTrigger.RETRY)
				.error(logger, "Retrying the reload of SSL bundle '%s' failed".formatted(bundle), ex);
		}
	}

	private void cancel(String bundle) {
		Retry retry = this.retries.remove(bundle);
		if (retry != null) {
			retry.future().cancel(false);
		}
	}

	/**
	 * Return the number of retries scheduled so far for a bundle since its last success.
	 * @param bundle the bundle name
	 * @return the number of retries
	 */
	int getAttempts(String bundle) {
		Retry retry = this.retries.get(bundle);
		return (retry != null) ? retry.attempt() : 0;
	}

	@Override
	public void start() {
		if (this.executor == null) {
			this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, THREAD_NAME);
				thread.setDaemon(true);
				return thread;
			});
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.executor;
		this.executor = null;
		this.retries.values().forEach((retry) -> retry.future().cancel(false));
		this.retries.clear();
		if (executor != null) {
			executor.shutdownNow();
			try {
				executor.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1;
	}

	private record Retry(int attempt, ScheduledFuture<?> future) {

	}

}
