package io.github.hotcert.watch;

import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.hotcert.watch.Debounce.Stable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one thread that watches every registration: takes file events, polls file content,
 * reads files when they are due and runs the action of those whose content changed.
 */
final class WatcherThread extends Thread {

	private static final Log logger = LogFactory.getLog(CertificateFileWatcher.class);

	private final List<WatchedFiles> registrations;

	private final DirectoryWatches watches;

	private final WatchSettings settings;

	private final Counters counters;

	private volatile boolean running = true;

	private long nextPoll;

	WatcherThread(String name, List<WatchedFiles> registrations, DirectoryWatches watches, WatchSettings settings,
			Counters counters) {
		super(name);
		setDaemon(true);
		setUncaughtExceptionHandler((thread, ex) -> logger.error(
				"The %s thread ended unexpectedly: ".formatted(name) + "certificate files are no longer watched", ex));
		this.registrations = List.copyOf(registrations);
		this.watches = watches;
		this.settings = settings;
		this.counters = counters;
	}

	/**
	 * Register the watches and read the content every later read is compared with. Runs
	 * on the caller's thread before the thread starts, so that no change made after it
	 * returns is missed.
	 */
	void prepare() {
		resolve();
		this.registrations.forEach((registration) -> registration.accept(registration.read()));
		this.nextPoll = System.nanoTime() + this.settings.pollInterval().toNanos();
	}

	@Override
	public void run() {
		while (this.running) {
			try {
				WatchKey key = this.watches.take(timeoutMillis(System.nanoTime()));
				while (key != null) {
					onEvents(key, System.nanoTime());
					key = this.watches.next();
				}
				long now = System.nanoTime();
				readDue(now);
				if (now - this.nextPoll >= 0) {
					poll(now);
				}
			}
			catch (InterruptedException | ClosedWatchServiceException ex) {
				break;
			}
			catch (RuntimeException ex) {
				logger.error("Unexpected failure while watching certificate files", ex);
			}
		}
		this.watches.close();
	}

	private long timeoutMillis(long now) {
		long nanos = this.nextPoll - now;
		for (WatchedFiles registration : this.registrations) {
			nanos = Math.min(nanos, registration.debounce().nanosUntilDue(now));
		}
		return Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.max(0, nanos)) + 1);
	}

	private void onEvents(WatchKey key, long now) {
		Set<Path> directories = this.watches.directories(key);
		List<WatchEvent<?>> events = key.pollEvents();
		boolean valid = key.reset();
		Set<WatchedFiles> changed = new LinkedHashSet<>();
		for (WatchEvent<?> event : events) {
			if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
				this.counters.overflows.incrementAndGet();
				logger.debug("File events were lost (overflow): checking every watched file");
				changed.addAll(this.registrations);
			}
			else if (event.context() instanceof Path name) {
				for (WatchedFiles registration : this.registrations) {
					if (directories.stream().anyMatch((directory) -> registration.isInterestedIn(directory, name))) {
						changed.add(registration);
					}
				}
			}
		}
		if (!valid) {
			this.registrations.stream().filter((files) -> files.watchesAny(directories)).forEach(changed::add);
		}
		if (!changed.isEmpty()) {
			changed.addAll(resolve());
			changed.forEach((registration) -> registration.debounce().onEvent(now));
		}
	}

	private Set<WatchedFiles> resolve() {
		Set<WatchedFiles> moved = new LinkedHashSet<>();
		Set<Path> directories = new LinkedHashSet<>();
		for (WatchedFiles registration : this.registrations) {
			if (registration.resolve()) {
				moved.add(registration);
			}
			directories.addAll(registration.directories());
		}
		this.watches.update(directories);
		return moved;
	}

	private void poll(long now) {
		this.counters.polls.incrementAndGet();
		this.nextPoll = now + this.settings.pollInterval().toNanos();
		resolve();
		for (WatchedFiles registration : this.registrations) {
			if (registration.debounce().isIdle()) {
				ContentSnapshot snapshot = registration.read();
				if (!registration.isKnown(snapshot)) {
					registration.debounce().onPollDifference(now, snapshot);
				}
			}
		}
	}

	private void readDue(long now) {
		for (WatchedFiles registration : this.registrations) {
			if (this.running && registration.debounce().isDue(now)) {
				resolve();
				ContentSnapshot snapshot = registration.read();
				Stable stable = registration.debounce().onRead(System.nanoTime(), snapshot);
				if (stable != null) {
					act(registration, stable);
				}
			}
		}
	}

	private void act(WatchedFiles registration, Stable stable) {
		if (registration.isKnown(stable.snapshot())) {
			this.counters.unchangedChecks.incrementAndGet();
			return;
		}
		List<Path> changed = registration.accept(stable.snapshot());
		this.counters.changes.incrementAndGet();
		if (logger.isDebugEnabled()) {
			logger.debug("Files of %s changed (found by %s after %d reads%s): %s".formatted(registration,
					stable.origin().name().toLowerCase(Locale.ROOT), stable.reads(),
					stable.settled() ? "" : ", still changing", changed));
		}
		try {
			registration.action().accept(stable.origin());
		}
		catch (RuntimeException ex) {
			logger.error("Acting on a change to the files of %s failed".formatted(registration), ex);
		}
	}

	/**
	 * Ask the thread to end. An action that is running is not interrupted: it completes
	 * first.
	 */
	void close() {
		this.running = false;
		this.watches.close();
	}

	/**
	 * What the thread counts, kept by the watcher across restarts.
	 */
	static final class Counters {

		final AtomicLong changes = new AtomicLong();

		final AtomicLong unchangedChecks = new AtomicLong();

		final AtomicLong polls = new AtomicLong();

		final AtomicLong overflows = new AtomicLong();

		WatchStatistics toStatistics() {
			return new WatchStatistics(this.changes.get(), this.unchangedChecks.get(), this.polls.get(),
					this.overflows.get());
		}

	}

}
