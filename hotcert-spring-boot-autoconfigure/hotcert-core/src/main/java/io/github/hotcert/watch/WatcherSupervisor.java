package io.github.hotcert.watch;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.hotcert.watch.WatcherStatus.State;
import io.github.hotcert.logging.LogFields;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Keeps a {@link WatcherThread} working: a thread of its own checks that the watcher
 * thread is alive and makes progress, and replaces it when it ended or is stuck in one
 * step longer than the stall timeout. The new thread starts from the content last acted
 * on and checks every file at once, so that a change made while the old one was stuck is
 * still applied. A stuck thread cannot be stopped (a read of a hung file system does not
 * return); it is left to end on its own, and at most {@value #MAX_ABANDONED} are left
 * before replacing stops. When file events stop working, a new watch service is opened,
 * up to {@value #MAX_EVENT_FAILURES} times, then only polling is left. Each fault is
 * logged once, at ERROR, and is reported by {@link #getStatus()}.
 */
final class WatcherSupervisor {

	private static final Log logger = LogFactory.getLog(CertificateFileWatcher.class);

	static final int MAX_ABANDONED = 3;

	static final int MAX_EVENT_FAILURES = 3;

	private static final Duration REWATCH_JOIN_TIMEOUT = Duration.ofSeconds(2);

	private final String threadName;

	private final WatchSettings settings;

	private final WatchServiceFactory watchServiceFactory;

	private final FileContentReader reader;

	private final WatchCounters counters;

	private final Clock clock;

	private final Object monitor = new Object();

	private final List<WatcherThread> abandoned = new ArrayList<>();

	private volatile WatcherThread current;

	private volatile WatcherStatus status = WatcherStatus.STOPPED;

	private Thread checker;

	private boolean stopped;

	private int eventFailures;

	WatcherSupervisor(String threadName, WatchSettings settings, WatchServiceFactory watchServiceFactory,
			FileContentReader reader, WatchCounters counters, Clock clock) {
		this.threadName = threadName;
		this.settings = settings;
		this.watchServiceFactory = watchServiceFactory;
		this.reader = reader;
		this.counters = counters;
		this.clock = clock;
	}

	/**
	 * Read the content of every registration, start the watcher thread and the checks.
	 * @param registrations the registrations
	 */
	void start(List<WatchedFiles> registrations) {
		synchronized (this.monitor) {
			this.status = new WatcherStatus(State.WATCHING, null, null, 0);
			WatcherThread thread = newThread(registrations, createWatches());
			thread.prepare();
			thread.start();
			this.current = thread;
			this.checker = new Thread(this::checkUntilStopped, this.threadName + "-supervisor");
			this.checker.setDaemon(true);
			this.checker.start();
		}
	}

	private WatcherThread newThread(List<WatchedFiles> registrations, DirectoryWatches watches) {
		return new WatcherThread(this.threadName, registrations, watches, this.settings, this.reader, this.counters,
				this);
	}

	private DirectoryWatches createWatches() {
		if (!this.settings.mode().watchesEvents()) {
			return new DirectoryWatches(null);
		}
		try {
			return new DirectoryWatches(this.watchServiceFactory.newWatchService());
		}
		catch (IOException | RuntimeException ex) {
			this.status = this.status.with(State.POLLING_ONLY,
					"File events are not available: changes are found by polling every "
							+ describe(this.settings.pollInterval()),
					this.clock.instant());
			fields().warn(logger, "Unable to watch certificate files for events, relying on polling every %s: %s"
				.formatted(describe(this.settings.pollInterval()), ex.getMessage()));
			return new DirectoryWatches(null);
		}
	}

	private void checkUntilStopped() {
		long interval = Math.max(10, Math.min(this.settings.stallTimeout().toMillis() / 4, 1000));
		while (true) {
			synchronized (this.monitor) {
				try {
					if (!this.stopped) {
						this.monitor.wait(interval);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				if (this.stopped) {
					return;
				}
			}
			check(System.nanoTime());
		}
	}

	/**
	 * Check the watcher thread and replace it if it ended or is stuck.
	 * @param now the current {@link System#nanoTime()}
	 */
	void check(long now) {
		synchronized (this.monitor) {
			this.abandoned.removeIf((thread) -> !thread.isAlive());
			WatcherThread thread = this.current;
			if (this.stopped || thread == null) {
				return;
			}
			if (!thread.isAlive()) {
				replace(thread, "ended unexpectedly", thread.failure());
			}
			else if (thread.isOverdue(now)) {
				StuckThread stuck = new StuckThread(thread);
				replace(thread, "made no progress for more than %s while %s"
					.formatted(describe(this.settings.stallTimeout()), thread.activity()), stuck);
			}
			else if (this.status.state() == State.FAILED) {
				this.status = this.status.withState(thread.watchesEvents() || !this.settings.mode().watchesEvents()
						? State.WATCHING : State.POLLING_ONLY);
				fields().info(logger, "The %s thread makes progress again: certificate files are watched again"
					.formatted(this.threadName));
			}
		}
	}

	private void replace(WatcherThread failed, String fault, Throwable cause) {
		String problem = "The %s thread %s".formatted(this.threadName, fault);
		if (this.abandoned.size() >= MAX_ABANDONED && failed.isAlive()) {
			if (this.status.state() != State.FAILED) {
				this.status = this.status.with(State.FAILED, problem, this.clock.instant());
				fields().error(logger,
						("%s and was not replaced, since %d earlier watcher threads are still stuck: certificate "
								+ "files are not watched until one of them returns (reloads on request still work)")
							.formatted(problem, this.abandoned.size()),
						cause);
			}
			return;
		}
		failed.close();
		if (failed.isAlive()) {
			this.abandoned.add(failed);
		}
		List<WatchedFiles> registrations = failed.registrations().stream().map(WatchedFiles::copy).toList();
		this.status = this.status.restarted(problem, this.clock.instant());
		WatcherThread replacement = newThread(registrations, createWatches());
		replacement.startReplacing();
		this.current = replacement;
		fields().error(logger,
				"%s: replaced it with a new watcher thread (restart %d), which checks every watched file now"
					.formatted(problem, this.status.restarts()),
				cause);
	}

	/**
	 * Replace the watcher thread by one whose registration of the given name watches
	 * other files (see {@link WatcherThread#startReplacing(WatcherThread, Duration)}).
	 * The previous thread ends after the action it may be running, which this method and
	 * the new thread wait for; an error that ended it is reported as when the checks find
	 * a thread that ended.
	 * @param name the name of the registration
	 * @param replacement the registration that replaces it, with the content of its files
	 * as its baseline, or {@code null} to end it
	 */
	void rewatch(String name, WatchedFiles replacement) {
		WatcherThread previous;
		synchronized (this.monitor) {
			previous = this.current;
			if (this.stopped || previous == null) {
				return;
			}
			List<WatchedFiles> registrations = new ArrayList<>();
			previous.registrations()
				.stream()
				.filter((registration) -> !registration.name().equals(name))
				.map(WatchedFiles::copy)
				.forEach(registrations::add);
			if (replacement != null) {
				registrations.add(replacement);
			}
			previous.close();
			WatcherThread thread = newThread(registrations, createWatches());
			thread.startReplacing(previous, REWATCH_JOIN_TIMEOUT);
			this.current = thread;
		}
		join(previous, REWATCH_JOIN_TIMEOUT);
		Throwable failure = previous.failure();
		if (failure != null) {
			synchronized (this.monitor) {
				if (!this.stopped) {
					// Replaced already: the state is the new thread's
					String problem = "The %s thread ended unexpectedly".formatted(this.threadName);
					this.status = this.status.restarted(problem, this.clock.instant()).withState(this.status.state());
					fields().error(logger,
							("%s after a configuration change had replaced it (restart %d): the new "
									+ "watcher thread starts from what it left, and checks every watched file")
								.formatted(problem, this.status.restarts()),
							failure);
				}
			}
		}
	}

	/**
	 * Return new watches after the watch service of the watcher thread failed: a new
	 * watch service, unless it failed too often or cannot be opened, then polling only.
	 * @param ex the failure
	 * @return the watches to use
	 */
	DirectoryWatches eventsFailed(RuntimeException ex) {
		synchronized (this.monitor) {
			String polling = "changes are found by polling every " + describe(this.settings.pollInterval());
			if (++this.eventFailures <= MAX_EVENT_FAILURES) {
				try {
					DirectoryWatches watches = new DirectoryWatches(this.watchServiceFactory.newWatchService());
					this.status = this.status.with(State.WATCHING,
							"File events stopped working and were restarted with a new watch service",
							this.clock.instant());
					fields().error(logger,
							"File events for certificate files stopped working: watching them with a new "
									+ "watch service, and checking every watched file now",
							ex);
					return watches;
				}
				catch (IOException | RuntimeException openFailure) {
					ex.addSuppressed(openFailure);
				}
			}
			this.status = this.status.with(State.POLLING_ONLY, "File events stopped working: " + polling,
					this.clock.instant());
			fields().error(logger,
					"File events for certificate files stopped working and cannot be restarted: " + polling, ex);
			return new DirectoryWatches(null);
		}
	}

	/**
	 * Make the checks run now, for example because the watcher thread ended.
	 */
	void wakeUp() {
		synchronized (this.monitor) {
			this.monitor.notifyAll();
		}
	}

	/**
	 * Return whether a watcher thread is running.
	 * @return whether the watcher thread is alive
	 */
	boolean isRunning() {
		WatcherThread thread = this.current;
		return thread != null && thread.isAlive();
	}

	WatcherStatus getStatus() {
		return this.status;
	}

	/**
	 * Stop the checks and the watcher threads, and wait for the current one to end.
	 * @param timeout how long to wait
	 */
	void stop(Duration timeout) {
		WatcherThread stopping;
		synchronized (this.monitor) {
			this.stopped = true;
			this.monitor.notifyAll();
			stopping = this.current;
			this.current = null;
			this.abandoned.forEach(WatcherThread::close);
			this.status = this.status.withState(State.STOPPED);
		}
		if (stopping == null) {
			return;
		}
		stopping.close();
		join(stopping, timeout);
	}

	/**
	 * Wait for a thread that was asked to end, unless it is the current one, and say so
	 * if it did not end in time.
	 */
	private void join(WatcherThread thread, Duration timeout) {
		if (thread == Thread.currentThread()) {
			return;
		}
		try {
			thread.join(timeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (thread.isAlive()) {
			fields().warn(logger, "The %s thread did not end within %s: it is still %s".formatted(this.threadName,
					describe(timeout), thread.activity()));
		}
	}

	/**
	 * Return the fields of a line about the watcher: its state after the line.
	 */
	private LogFields fields() {
		return LogFields.of(LogFields.WATCHER_STATE, this.status.state().id());
	}

	static String describe(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

	/**
	 * Where a stuck thread is stuck: its stack, for the log.
	 */
	private static final class StuckThread extends Exception {

		StuckThread(Thread thread) {
			super("Stack of the stuck " + thread.getName() + " thread");
			setStackTrace(thread.getStackTrace());
		}

	}

}
