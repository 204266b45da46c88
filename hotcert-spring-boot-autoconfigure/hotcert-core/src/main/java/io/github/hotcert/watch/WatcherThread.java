package io.github.hotcert.watch;

import java.nio.file.ClosedWatchServiceException;
import java.nio.file.WatchKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.hotcert.watch.Debounce.Stable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One thread that watches every registration: takes file events, polls the files whose
 * status changed, reads files when they are due and runs the action of those whose
 * content changed, or lets it ask for another read while the files are still being
 * written. Before each step it says by when it expects to be done
 * ({@link #isOverdue(long)}), so that a {@link WatcherSupervisor} can tell a thread that
 * is stuck.
 */
final class WatcherThread extends Thread {

	private static final Log logger = LogFactory.getLog(CertificateFileWatcher.class);

	private static final long PREVIOUS_JOIN_SLICE_MILLIS = 50;

	private final List<WatchedFiles> registrations;

	private final WatchSettings settings;

	private final FileContentReader reader;

	private final WatchCounters counters;

	private final WatcherSupervisor supervisor;

	private final Object pause = new Object();

	private final WatchedPaths paths;

	private final ChangeDispatcher dispatcher;

	private volatile boolean running = true;

	private volatile WatcherStep step;

	private volatile Throwable failure;

	private long nextPoll;

	private boolean replacing;

	private WatcherThread previous;

	private Duration previousTimeout;

	private String lastFailure;

	WatcherThread(String name, List<WatchedFiles> registrations, DirectoryWatches watches, WatchSettings settings,
			FileContentReader reader, WatchCounters counters, WatcherSupervisor supervisor) {
		super(name);
		setDaemon(true);
		setUncaughtExceptionHandler((thread, ex) -> {
			this.failure = ex;
			supervisor.wakeUp();
		});
		this.registrations = List.copyOf(registrations);
		this.paths = new WatchedPaths(this.registrations, watches, counters);
		this.dispatcher = new ChangeDispatcher(counters, () -> this.running);
		this.settings = settings;
		this.reader = reader;
		this.counters = counters;
		this.supervisor = supervisor;
	}

	/**
	 * Register the watches and read the content every later read is compared with. Runs
	 * on the caller's thread before the thread starts, so that no change made after it
	 * returns is missed.
	 */
	void prepare() {
		resolve();
		this.registrations.forEach((registration) -> registration.readBaseline(this.reader));
		this.nextPoll = System.nanoTime() + this.settings.pollInterval().toNanos();
	}

	/**
	 * Start as the thread that replaces another: the content known stays the baseline,
	 * and every registration is checked once its watches are registered, since changes
	 * made while the previous thread was stuck, or before the watches of a new
	 * registration were registered, produced events that nobody took. The watches are
	 * registered on this thread, not on the caller's: the caller holds the supervisor's
	 * lock, which a file system that does not answer must not hold up, while a step of
	 * this thread that does not end is noticed.
	 */
	void startReplacing() {
		this.replacing = true;
		this.nextPoll = System.nanoTime() + this.settings.pollInterval().toNanos();
		start();
	}

	/**
	 * Start as the thread that replaces one that was asked to end and may still be acting
	 * on a change (see {@link #startReplacing()}): this thread first waits for it to end,
	 * up to the given time, and then starts from what its registrations know, so that
	 * what its last action did (take the change, ask for another read, end the thread
	 * with an error) is not lost.
	 * @param previous the thread that was asked to end
	 * @param timeout how long to wait for it
	 */
	void startReplacing(WatcherThread previous, Duration timeout) {
		this.previous = previous;
		this.previousTimeout = timeout;
		startReplacing();
	}

	/**
	 * Wait for the thread this one replaces, if it was asked to end, and take over what
	 * its registrations know.
	 */
	private void takeOver() throws InterruptedException {
		boolean ended = false;
		if (this.previous != null) {
			long timeout = this.previousTimeout.toNanos();
			step(timeout, "waiting for the previous watcher thread to end");
			long deadline = System.nanoTime() + timeout;
			// In slices: closing this thread ends the wait
			while (this.running && this.previous.isAlive() && deadline - System.nanoTime() > 0) {
				this.previous.join(PREVIOUS_JOIN_SLICE_MILLIS);
			}
			ended = !this.previous.isAlive();
			this.previous = null;
		}
		for (WatchedFiles registration : this.registrations) {
			registration.takeOver(ended);
		}
	}

	/**
	 * Check every registration once its watches are registered: changes made before that
	 * produced events that nobody took. Each registration is resolved again before it is
	 * read, even when resolving them all here failed.
	 */
	private void checkEveryRegistration() {
		try {
			resolve();
		}
		finally {
			long now = System.nanoTime();
			this.registrations.forEach((registration) -> registration.debounce().onEvent(now));
		}
	}

	@Override
	public void run() {
		while (this.running) {
			try {
				if (this.replacing) {
					this.replacing = false;
					takeOver();
					if (!this.running) {
						break;
					}
					checkEveryRegistration();
				}
				long timeout = timeoutMillis(System.nanoTime());
				step(TimeUnit.MILLISECONDS.toNanos(timeout), "waiting for file events");
				WatchKey key = this.paths.take(timeout);
				if (key != null) {
					onEvents(key);
				}
				long now = System.nanoTime();
				readDue(now);
				if (now - this.nextPoll >= 0) {
					poll(now);
				}
				this.lastFailure = null;
			}
			catch (InterruptedException ex) {
				break;
			}
			catch (ClosedWatchServiceException ex) {
				if (this.running) {
					eventsFailed(ex);
				}
			}
			catch (RuntimeException ex) {
				if (this.running) {
					failed(ex);
				}
			}
		}
		this.paths.close();
	}

	private long timeoutMillis(long now) {
		long nanos = this.nextPoll - now;
		for (WatchedFiles registration : this.registrations) {
			nanos = Math.min(nanos, registration.debounce().nanosUntilDue(now));
		}
		return Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.max(0, nanos)) + 1);
	}

	/**
	 * Take the events of every key that has some, then resolve the paths of the
	 * registrations they concern, and let their debounce know.
	 */
	private void onEvents(WatchKey first) {
		step(0, "taking file events");
		EventBatch batch = new EventBatch();
		for (WatchKey key = first; key != null; key = this.paths.next()) {
			this.paths.collect(key, batch);
		}
		if (!batch.isEmpty()) {
			this.paths.resolve(batch.registrations());
			batch.applyTo(System.nanoTime());
		}
	}

	private void resolve() {
		step(0, "resolving the watched paths");
		this.paths.resolve();
	}

	private void resolve(WatchedFiles registration) {
		step(0, "resolving the watched paths of " + registration);
		this.paths.resolve(List.of(registration));
	}

	private void poll(long now) {
		this.counters.polls.incrementAndGet();
		this.nextPoll = now + this.settings.pollInterval().toNanos();
		for (WatchedFiles registration : this.registrations) {
			if (this.running && registration.debounce().isIdle()) {
				step(0, "polling the files of " + registration);
				ContentSnapshot snapshot = registration.poll(this.reader);
				if (snapshot != null && !registration.isKnown(snapshot)) {
					registration.debounce().onPollDifference(now, snapshot);
				}
			}
		}
	}

	private void readDue(long now) {
		for (WatchedFiles registration : this.registrations) {
			if (this.running && registration.debounce().isDue(now)) {
				resolve(registration);
				step(0, "reading the files of " + registration);
				ContentSnapshot snapshot = registration.read(this.reader);
				Stable stable = registration.debounce().onRead(System.nanoTime(), snapshot);
				if (stable != null) {
					step(0, "acting on a change to the files of " + registration);
					this.dispatcher.dispatch(registration, stable);
				}
			}
		}
	}

	/**
	 * Take new watches after the watch service failed (closed under the thread, or
	 * broken): every registration is checked, since events may have been lost.
	 */
	private void eventsFailed(RuntimeException ex) {
		this.paths.replaceWatches(this.supervisor.eventsFailed(ex));
		checkEveryRegistration();
	}

	/**
	 * Report an unexpected failure once (the same failure again only at DEBUG) and pause,
	 * so that a failure that repeats cannot make the thread spin.
	 */
	private void failed(RuntimeException ex) {
		String signature = ex.getClass().getName() + ": " + ex.getMessage();
		if (!signature.equals(this.lastFailure)) {
			logger.error("Unexpected failure while watching certificate files", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Unexpected failure while watching certificate files (again)", ex);
		}
		this.lastFailure = signature;
		long pause = Math.min(this.settings.pollInterval().toMillis(), 1000);
		step(TimeUnit.MILLISECONDS.toNanos(pause), "pausing after a failure");
		synchronized (this.pause) {
			try {
				if (this.running) {
					this.pause.wait(pause);
				}
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
				this.running = false;
			}
		}
	}

	private void step(long expectedNanos, String activity) {
		this.step = WatcherStep.starting(System.nanoTime(), expectedNanos, this.settings.stallTimeout().toNanos(),
				activity);
	}

	/**
	 * Return whether the current step should have ended by the given time.
	 * @param now the current {@link System#nanoTime()}
	 * @return whether the thread is overdue
	 */
	boolean isOverdue(long now) {
		WatcherStep step = this.step;
		return step != null && step.isOverdue(now);
	}

	/**
	 * Return what the thread is doing, for messages.
	 * @return the activity
	 */
	String activity() {
		WatcherStep step = this.step;
		return (step != null) ? step.activity() : "starting";
	}

	/**
	 * Return what ended the thread, if it ended unexpectedly.
	 * @return the failure, or {@code null}
	 */
	Throwable failure() {
		return this.failure;
	}

	List<WatchedFiles> registrations() {
		return this.registrations;
	}

	boolean watchesEvents() {
		return this.paths.watchesEvents();
	}

	/**
	 * Ask the thread to end. An action that is running is not interrupted: it completes
	 * first; a thread that is stuck ends, without acting, if it ever returns.
	 */
	void close() {
		this.running = false;
		synchronized (this.pause) {
			this.pause.notifyAll();
		}
		this.paths.close();
	}

}
