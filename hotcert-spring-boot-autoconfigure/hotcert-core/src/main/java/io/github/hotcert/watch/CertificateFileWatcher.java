package io.github.hotcert.watch;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.github.hotcert.logging.LogFields;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * Notices changes to certificate files, for every registration on one thread named
 * {@value #THREAD_NAME}.
 * <p>
 * Changes are found by file system events in every directory on the way from each file as
 * configured to the file it resolves to (so that a file, a link or a directory replaced
 * at any level is seen), and by polling: every poll interval, the content of every file
 * whose status changed ({@link FileStamp}) is compared with what was last acted on, so
 * that a change that produced no event (NFS, bind mounts) is still found. Events wait for
 * a quiet period (bounded by a maximum wait), then the files are read until two reads
 * shortly apart hash the same; files swapped as a whole (a Kubernetes {@code ..data}
 * swap, a file or directory renamed into place) are complete by construction and read at
 * once (see {@link FileChange}). The action of a registration runs only when the content
 * differs from the content it last ran for: touching a file, rewriting identical bytes or
 * changing other files in the same directories runs nothing. Only regular files are read,
 * up to a size limit, so that no read blocks (a named pipe) or runs unbounded (a device).
 * <p>
 * The watcher thread cannot die quietly: a thread that ended, or that spent longer than
 * the stall timeout on one step, is replaced (see {@link #getStatus()}); when file events
 * stop working, a new watch service is opened or polling is left.
 *
 * @see WatchSettings
 */
public class CertificateFileWatcher implements AutoCloseable {

	/**
	 * The name of the watcher thread.
	 */
	public static final String THREAD_NAME = "hotcert-watcher";

	private static final Log logger = LogFactory.getLog(CertificateFileWatcher.class);

	private static final int MAX_NAMES_LOGGED = 10;

	private final WatchSettings settings;

	private final Clock clock;

	private final WatchServiceFactory watchServiceFactory;

	private final FileContentReader reader;

	private final List<WatchedFiles> registrations = new ArrayList<>();

	private final WatchCounters counters = new WatchCounters();

	private final Object lock = new Object();

	private WatcherSupervisor supervisor;

	private boolean started;

	/**
	 * Create a new {@link CertificateFileWatcher}.
	 * @param settings how changes are noticed
	 */
	public CertificateFileWatcher(WatchSettings settings) {
		this(settings, Clock.systemUTC());
	}

	/**
	 * Create a new {@link CertificateFileWatcher}.
	 * @param settings how changes are noticed
	 * @param clock the clock that dates the faults of the watcher
	 */
	public CertificateFileWatcher(WatchSettings settings, Clock clock) {
		this(settings, clock, FileSystems.getDefault()::newWatchService, null);
	}

	/**
	 * Create a new {@link CertificateFileWatcher} with the given watch services and
	 * reader, for tests that make them fail.
	 */
	CertificateFileWatcher(WatchSettings settings, Clock clock, WatchServiceFactory watchServiceFactory,
			FileContentReader reader) {
		Assert.notNull(settings, "'settings' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.settings = settings;
		this.clock = clock;
		this.watchServiceFactory = watchServiceFactory;
		this.reader = (reader != null) ? reader : FileContentReader.regularFiles(settings.maxFileSize().toBytes());
	}

	/**
	 * Return how changes are noticed.
	 * @return the settings
	 */
	public WatchSettings getSettings() {
		return this.settings;
	}

	/**
	 * Watch the given files. Registrations take effect when the watcher {@link #start()
	 * starts}.
	 * @param name the name of what is watched, for log messages
	 * @param files the files, as configured (symbolic links are followed)
	 * @param action the action to run, with how the change was found, after the content
	 * of the files changed
	 */
	public void watch(String name, Set<Path> files, Consumer<ChangeOrigin> action) {
		Assert.notNull(action, "'action' must not be null");
		listen(name, files, (change) -> {
			action.accept(change.origin());
			return true;
		});
	}

	/**
	 * Watch the given files, with a listener that is told how each change was found.
	 * Registrations take effect when the watcher {@link #start() starts}.
	 * @param name the name of what is watched, for log messages
	 * @param files the files, as configured (symbolic links are followed)
	 * @param listener the listener to call after the content of the files changed; it may
	 * answer that a {@link FileChange#settling() settling} change is not complete yet
	 */
	public void listen(String name, Set<Path> files, FileChangeListener listener) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(files, "'files' must not be null");
		Assert.notNull(listener, "'listener' must not be null");
		if (files.isEmpty()) {
			return;
		}
		synchronized (this.lock) {
			Assert.state(this.supervisor == null, "Files cannot be registered while the watcher is running");
			this.registrations
				.add(new WatchedFiles(name, Set.copyOf(new LinkedHashSet<>(files)), listener, this.settings));
		}
	}

	/**
	 * Watch other files under a name already registered, for example after the
	 * configuration of a bundle changed while the application runs: the files of the
	 * earlier registration of that name are no longer watched, and the new ones are, with
	 * the given action. No files ends the registration. While the watcher runs, the
	 * content of the new files when this method is called is what later reads are
	 * compared with: a change made from then on runs the action.
	 * @param name the name of what is watched
	 * @param files the files, as configured (symbolic links are followed), possibly none
	 * @param action the action to run, with how the change was found, after the content
	 * of the files changed
	 */
	public void rewatch(String name, Set<Path> files, Consumer<ChangeOrigin> action) {
		Assert.notNull(action, "'action' must not be null");
		relisten(name, files, (change) -> {
			action.accept(change.origin());
			return true;
		});
	}

	/**
	 * Watch other files under a name already registered, with a listener that is told how
	 * each change was found (see {@link #rewatch(String, Set, Consumer)}).
	 * @param name the name of what is watched
	 * @param files the files, as configured (symbolic links are followed), possibly none
	 * @param listener the listener to call after the content of the files changed
	 */
	public void relisten(String name, Set<Path> files, FileChangeListener listener) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(files, "'files' must not be null");
		Assert.notNull(listener, "'listener' must not be null");
		WatchedFiles replacement = files.isEmpty() ? null
				: new WatchedFiles(name, Set.copyOf(new LinkedHashSet<>(files)), listener, this.settings);
		boolean running;
		synchronized (this.lock) {
			running = this.supervisor != null;
		}
		if (replacement != null && running) {
			// Before the lock: a file system that does not answer holds up the caller,
			// not stop()
			replacement.readBaseline(this.reader);
		}
		synchronized (this.lock) {
			this.registrations.removeIf((registration) -> registration.name().equals(name));
			if (replacement != null) {
				this.registrations.add(replacement);
			}
			if (this.supervisor != null) {
				if (replacement != null && !running) {
					// Started since: read under the lock, as the start does
					replacement.readBaseline(this.reader);
				}
				this.supervisor.rewatch(name, replacement);
				LogFields.bundle(name)
					.info(logger,
							"Watching %s for SSL bundle '%s'".formatted(files.isEmpty() ? "no files" : files, name));
			}
			else if (this.started) {
				startSupervisor();
			}
		}
	}

	/**
	 * Start watching: register the watches and read the current content of every file,
	 * then start the watcher thread. Changes made after this method returns are noticed.
	 * Does nothing in {@link WatchMode#OFF}; when nothing is registered, the thread
	 * starts with the first files {@link #rewatch registered} later.
	 */
	public void start() {
		synchronized (this.lock) {
			if (this.supervisor != null) {
				return;
			}
			if (this.settings.mode() == WatchMode.OFF) {
				LogFields.of(LogFields.WATCH_MODE, WatchMode.OFF.id())
					.info(logger,
							"Not watching certificate files (hotcert.watch.mode=off): reloads happen on request only");
				return;
			}
			this.started = true;
			startSupervisor();
		}
	}

	/**
	 * Start the watcher thread for the registrations, if there are any. Called with the
	 * lock held.
	 */
	private void startSupervisor() {
		if (this.registrations.isEmpty()) {
			return;
		}
		WatcherSupervisor supervisor = new WatcherSupervisor(THREAD_NAME, this.settings, this.watchServiceFactory,
				this.reader, this.counters, this.clock);
		supervisor.start(this.registrations);
		this.supervisor = supervisor;
		LogFields.of(LogFields.WATCH_MODE, this.settings.mode().id())
			.and(LogFields.WATCHER_STATE, supervisor.getStatus().state().id())
			.info(logger,
					"Watching %d certificate files of SSL bundles %s (%s, quiet period %s, maximum wait %s)".formatted(
							this.registrations.stream().mapToInt((files) -> files.files().size()).sum(),
							describeNames(this.registrations.stream().map(WatchedFiles::name).toList()),
							describeMode(supervisor.getStatus().state() != WatcherStatus.State.POLLING_ONLY),
							describe(this.settings.quietPeriod()), describe(this.settings.maxWait())));
	}

	private String describeMode(boolean events) {
		String poll = "polling every " + describe(this.settings.pollInterval());
		return (this.settings.mode().watchesEvents() && events) ? "file events and " + poll : poll;
	}

	/**
	 * Name the first bundles, and only count the others.
	 */
	private static String describeNames(List<String> names) {
		if (names.size() <= MAX_NAMES_LOGGED) {
			return names.toString();
		}
		return names.subList(0, MAX_NAMES_LOGGED)
			.toString()
			.replace("]", ", and %d more]".formatted(names.size() - MAX_NAMES_LOGGED));
	}

	private static String describe(Duration duration) {
		return WatcherSupervisor.describe(duration);
	}

	/**
	 * Stop watching and wait for the watcher thread to end.
	 */
	public void stop() {
		WatcherSupervisor stopping;
		synchronized (this.lock) {
			stopping = this.supervisor;
			this.supervisor = null;
			this.started = false;
		}
		if (stopping != null) {
			stopping.stop(Duration.ofSeconds(10));
		}
	}

	/**
	 * Stop watching.
	 * @see #stop()
	 */
	@Override
	public void close() {
		stop();
	}

	/**
	 * Return whether the watcher thread is running.
	 * @return whether the watcher is running
	 */
	public boolean isRunning() {
		synchronized (this.lock) {
			return this.supervisor != null && this.supervisor.isRunning();
		}
	}

	/**
	 * Return whether changes are noticed, and the last fault of the watcher.
	 * @return the status
	 */
	public WatcherStatus getStatus() {
		synchronized (this.lock) {
			return (this.supervisor != null) ? this.supervisor.getStatus() : WatcherStatus.STOPPED;
		}
	}

	/**
	 * Return what the watcher did since it was created.
	 * @return the statistics
	 */
	public WatchStatistics getStatistics() {
		return this.counters.toStatistics();
	}

}
