package io.github.hotcert.watch;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * Notices changes to certificate files, for every registration on one thread named
 * {@value #THREAD_NAME}.
 * <p>
 * Changes are found by file system events in the directories that hold the files and the
 * symbolic links on the way to them, and by polling: the content of every file is
 * compared with what was last acted on every poll interval, so that a change that
 * produced no event (NFS, bind mounts) is still found. Events wait for a quiet period
 * (bounded by a maximum wait), then the files are read until two reads one quiet period
 * apart hash the same. The action of a registration runs only when the content differs
 * from the content it last ran for: touching a file, rewriting identical bytes or
 * changing other files in the same directory runs nothing.
 *
 * @see WatchSettings
 */
public class CertificateFileWatcher implements AutoCloseable {

	/**
	 * The name of the watcher thread.
	 */
	public static final String THREAD_NAME = "hotcert-watcher";

	private static final Log logger = LogFactory.getLog(CertificateFileWatcher.class);

	private final WatchSettings settings;

	private final List<WatchedFiles> registrations = new ArrayList<>();

	private final WatcherThread.Counters counters = new WatcherThread.Counters();

	private final Object lock = new Object();

	private WatcherThread thread;

	/**
	 * Create a new {@link CertificateFileWatcher}.
	 * @param settings how changes are noticed
	 */
	public CertificateFileWatcher(WatchSettings settings) {
		Assert.notNull(settings, "'settings' must not be null");
		this.settings = settings;
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
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(files, "'files' must not be null");
		Assert.notNull(action, "'action' must not be null");
		if (files.isEmpty()) {
			return;
		}
		synchronized (this.lock) {
			Assert.state(this.thread == null, "Files cannot be registered while the watcher is running");
			this.registrations
				.add(new WatchedFiles(name, Set.copyOf(new LinkedHashSet<>(files)), action, this.settings));
		}
	}

	/**
	 * Start watching: register the watches and read the current content of every file,
	 * then start the watcher thread. Changes made after this method returns are noticed.
	 * Does nothing in {@link WatchMode#OFF} or when nothing is registered.
	 */
	public void start() {
		synchronized (this.lock) {
			if (this.thread != null) {
				return;
			}
			if (this.settings.mode() == WatchMode.OFF) {
				logger.info("Not watching certificate files (hotcert.watch.mode=off): reloads happen on request only");
				return;
			}
			if (this.registrations.isEmpty()) {
				return;
			}
			WatcherThread thread = new WatcherThread(THREAD_NAME, this.registrations, createWatches(), this.settings,
					this.counters);
			thread.prepare();
			thread.start();
			this.thread = thread;
			logger.info("Watching %d certificate files of SSL bundles %s (%s, quiet period %s, maximum wait %s)"
				.formatted(this.registrations.stream().mapToInt((files) -> files.files().size()).sum(),
						this.registrations.stream().map(WatchedFiles::name).toList(), describeMode(),
						describe(this.settings.quietPeriod()), describe(this.settings.maxWait())));
		}
	}

	private DirectoryWatches createWatches() {
		if (!this.settings.mode().watchesEvents()) {
			return new DirectoryWatches(null);
		}
		try {
			return new DirectoryWatches(FileSystems.getDefault().newWatchService());
		}
		catch (IOException | UnsupportedOperationException ex) {
			logger.warn("Unable to watch certificate files for events, relying on polling every %s: %s"
				.formatted(this.settings.pollInterval(), ex.getMessage()));
			return new DirectoryWatches(null);
		}
	}

	private String describeMode() {
		String poll = "polling every " + describe(this.settings.pollInterval());
		return this.settings.mode().watchesEvents() ? "file events and " + poll : poll;
	}

	private static String describe(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

	/**
	 * Stop watching and wait for the watcher thread to end.
	 */
	public void stop() {
		WatcherThread stopping;
		synchronized (this.lock) {
			stopping = this.thread;
			this.thread = null;
		}
		if (stopping != null) {
			stopping.close();
			if (stopping != Thread.currentThread()) {
				try {
					stopping.join(TimeUnit.SECONDS.toMillis(10));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				if (stopping.isAlive()) {
					logger
						.warn("The %s thread did not end within 10s: a reload is still running".formatted(THREAD_NAME));
				}
			}
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
			return this.thread != null && this.thread.isAlive();
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
