package io.github.hotcert.acme;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.hotcert.logging.LogFields;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The {@link AcmeScheduler} of a running application: the tasks of every bundle on one
 * thread, {@value #THREAD_NAME}, and repeated tasks (refreshing an order lock while an
 * order runs) on another. A task that fails is logged and run again a minute later.
 */
final class ExecutorAcmeScheduler implements AcmeScheduler {

	static final String THREAD_NAME = "hotcert-acme";

	static final Duration RETRY_AFTER_ERROR = Duration.ofMinutes(1);

	private static final Log logger = LogFactory.getLog(ExecutorAcmeScheduler.class);

	private final Clock clock;

	private final ScheduledExecutorService tasks = Executors
		.newSingleThreadScheduledExecutor((runnable) -> thread(runnable, THREAD_NAME));

	private final ScheduledExecutorService repeated = Executors
		.newSingleThreadScheduledExecutor((runnable) -> thread(runnable, THREAD_NAME + "-lock"));

	private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();

	ExecutorAcmeScheduler(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void schedule(String bundle, Runnable task, Instant at) {
		// In nanoseconds: a delay cut to whole milliseconds runs a task planned for a
		// moment before that moment, and the task would find it not yet come
		long delay = Math.max(0, Duration.between(this.clock.instant(), at).toNanos());
		this.scheduled.compute(bundle, (name, previous) -> {
			if (previous != null) {
				previous.cancel(false);
			}
			if (this.tasks.isShutdown()) {
				return null;
			}
			return this.tasks.schedule(() -> run(bundle, task), delay, TimeUnit.NANOSECONDS);
		});
	}

	private void run(String bundle, Runnable task) {
		boolean completed = false;
		try {
			task.run();
			completed = true;
		}
		catch (RuntimeException | Error ex) {
			LogFields.bundle(bundle)
				.and(LogFields.RETRY_DELAY, RETRY_AFTER_ERROR)
				.error(logger,
						"Checking ACME bundle '%s' failed; checking again in %s".formatted(bundle, RETRY_AFTER_ERROR),
						ex);
		}
		finally {
			// Even after an error that logging fails on too (out of memory): the executor
			// keeps what a task throws to itself, and nothing would check the bundle
			// again
			if (!completed) {
				schedule(bundle, task, this.clock.instant().plus(RETRY_AFTER_ERROR));
			}
		}
	}

	@Override
	public Repeating repeat(Runnable task, Duration interval) {
		long millis = Math.max(1, interval.toMillis());
		GuardedTask guarded = new GuardedTask(task);
		ScheduledFuture<?> future = this.repeated.scheduleWithFixedDelay(guarded, millis, millis,
				TimeUnit.MILLISECONDS);
		return () -> guarded.stop(future);
	}

	@Override
	public boolean isStopped() {
		return this.tasks.isShutdown();
	}

	void shutdown() {
		this.tasks.shutdownNow();
		this.repeated.shutdownNow();
		try {
			this.tasks.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A repeated task that does not run once it is stopped, and whose stop waits for a
	 * run in progress: a refresh of an order lock that ran on after the order ended would
	 * write the lock again after its release.
	 */
	private static final class GuardedTask implements Runnable {

		private final Runnable task;

		private boolean stopped;

		GuardedTask(Runnable task) {
			this.task = task;
		}

		@Override
		public synchronized void run() {
			if (!this.stopped) {
				this.task.run();
			}
		}

		synchronized void stop(ScheduledFuture<?> future) {
			this.stopped = true;
			future.cancel(false);
		}

	}

	private static Thread thread(Runnable runnable, String name) {
		Thread thread = new Thread(runnable, name);
		thread.setDaemon(true);
		return thread;
	}

}
