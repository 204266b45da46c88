package io.github.hotcert.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * Watches the directories of certificate files on one thread, named
 * {@value #THREAD_NAME}, for every bundle. Any event in a watched directory marks the
 * bundles watching it as changed; the action of a bundle runs once no further event
 * arrived for the quiet period. Symbolic links are followed hop by hop, so that a
 * Kubernetes Secret volume, whose files are links through a {@code ..data} link that is
 * swapped by rename, is watched where the swap happens.
 */
public class CertificateFileWatcher {

	/**
	 * The name of the watcher thread.
	 */
	public static final String THREAD_NAME = "hotcert-watcher";

	private static final Log logger = LogFactory.getLog(CertificateFileWatcher.class);

	private final Duration quietPeriod;

	private final List<Registration> registrations = new ArrayList<>();

	private final Object lock = new Object();

	private WatcherThread thread;

	/**
	 * Create a new {@link CertificateFileWatcher}.
	 * @param quietPeriod how long no event must arrive before a change is acted on
	 */
	public CertificateFileWatcher(Duration quietPeriod) {
		Assert.isTrue(quietPeriod != null && !quietPeriod.isNegative(), "'quietPeriod' must not be negative");
		this.quietPeriod = quietPeriod;
	}

	/**
	 * Watch the given files.
	 * @param name the name of what is watched, for log messages
	 * @param files the files, as configured
	 * @param action the action to run after a change
	 */
	public void watch(String name, Set<Path> files, Runnable action) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(files, "'files' must not be null");
		Assert.notNull(action, "'action' must not be null");
		if (files.isEmpty()) {
			return;
		}
		synchronized (this.lock) {
			Registration registration = new Registration(name, Set.copyOf(files), action);
			this.registrations.add(registration);
			if (this.thread != null) {
				this.thread.register(registration);
			}
		}
	}

	/**
	 * Start watching.
	 */
	public void start() {
		synchronized (this.lock) {
			if (this.thread != null) {
				return;
			}
			try {
				this.thread = new WatcherThread(FileSystems.getDefault().newWatchService());
			}
			catch (IOException ex) {
				throw new IllegalStateException("Unable to start watching certificate files", ex);
			}
			this.registrations.forEach(this.thread::register);
			this.thread.start();
		}
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
			}
		}
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
	 * Return the directories to watch for a file: its parent as configured and the parent
	 * of every symbolic link hop.
	 * @param file the file
	 * @return the directories
	 */
	static Set<Path> directoriesToWatch(Path file) {
		Set<Path> directories = new LinkedHashSet<>();
		collect(file.toAbsolutePath(), directories, 0);
		return directories;
	}

	private static void collect(Path path, Set<Path> directories, int depth) {
		Path parent = path.getParent();
		if (parent == null || depth > 40) {
			return;
		}
		directories.add(parent);
		try {
			if (Files.isSymbolicLink(parent)) {
				Path target = parent.resolveSibling(Files.readSymbolicLink(parent));
				collect(target.resolve(path.getFileName()), directories, depth + 1);
			}
			else if (Files.isSymbolicLink(path)) {
				collect(path.resolveSibling(Files.readSymbolicLink(path)).normalize(), directories, depth + 1);
			}
		}
		catch (IOException ex) {
			// The link changed or vanished while it was read; the next event re-resolves
		}
	}

	private final class Registration {

		private final String name;

		private final Set<Path> files;

		private final Runnable action;

		private long pendingSince;

		private long deadline;

		Registration(String name, Set<Path> files, Runnable action) {
			this.name = name;
			this.files = files;
			this.action = action;
		}

		Set<Path> directories() {
			Set<Path> directories = new LinkedHashSet<>();
			this.files.forEach((file) -> directories.addAll(directoriesToWatch(file)));
			return directories;
		}

	}

	private final class WatcherThread extends Thread {

		private final WatchService watchService;

		private final Map<WatchKey, Path> keys = new HashMap<>();

		private final Map<Path, Set<Registration>> registrationsByDirectory = new HashMap<>();

		private volatile boolean running = true;

		WatcherThread(WatchService watchService) {
			super(THREAD_NAME);
			setDaemon(true);
			this.watchService = watchService;
		}

		synchronized void register(Registration registration) {
			for (Path directory : registration.directories()) {
				this.registrationsByDirectory.computeIfAbsent(directory, (key) -> new LinkedHashSet<>())
					.add(registration);
				if (!this.keys.containsValue(directory) && Files.isDirectory(directory)) {
					try {
						WatchKey key = directory.register(this.watchService, StandardWatchEventKinds.ENTRY_CREATE,
								StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
						this.keys.put(key, directory);
					}
					catch (IOException ex) {
						logger.warn("Unable to watch directory '%s' for changes to SSL bundle '%s': %s"
							.formatted(directory, registration.name, ex.getMessage()));
					}
				}
			}
		}

		@Override
		public void run() {
			while (this.running) {
				try {
					WatchKey key = this.watchService.poll(timeoutMillis(), TimeUnit.MILLISECONDS);
					if (key != null) {
						onEvents(key);
					}
					runDue();
				}
				catch (InterruptedException | ClosedWatchServiceException ex) {
					break;
				}
				catch (RuntimeException ex) {
					logger.error("Unexpected failure while watching certificate files", ex);
				}
			}
		}

		private synchronized void onEvents(WatchKey key) {
			Path directory = this.keys.get(key);
			key.pollEvents();
			if (!key.reset()) {
				this.keys.remove(key);
			}
			if (directory != null) {
				long now = System.nanoTime();
				for (Registration registration : this.registrationsByDirectory.getOrDefault(directory, Set.of())) {
					if (registration.pendingSince == 0) {
						registration.pendingSince = now;
					}
					registration.deadline = now + CertificateFileWatcher.this.quietPeriod.toNanos();
				}
			}
		}

		private long timeoutMillis() {
			long next = Long.MAX_VALUE;
			synchronized (this) {
				for (Set<Registration> registrations : this.registrationsByDirectory.values()) {
					for (Registration registration : registrations) {
						if (registration.pendingSince != 0) {
							next = Math.min(next, registration.deadline);
						}
					}
				}
			}
			if (next == Long.MAX_VALUE) {
				return 1000;
			}
			return Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime()) + 1);
		}

		private void runDue() {
			List<Registration> due = new ArrayList<>();
			long now = System.nanoTime();
			synchronized (this) {
				Set<Registration> all = new LinkedHashSet<>();
				this.registrationsByDirectory.values().forEach(all::addAll);
				for (Registration registration : all) {
					if (registration.pendingSince != 0 && now - registration.deadline >= 0) {
						registration.pendingSince = 0;
						due.add(registration);
					}
				}
			}
			for (Registration registration : due) {
				try {
					registration.action.run();
				}
				catch (RuntimeException ex) {
					logger.error("Reloading SSL bundle '%s' after a file change failed".formatted(registration.name),
							ex);
				}
				synchronized (this) {
					for (Path directory : registration.directories()) {
						if (!this.keys.containsValue(directory)) {
							register(registration);
							break;
						}
					}
				}
			}
		}

		void close() {
			this.running = false;
			try {
				this.watchService.close();
			}
			catch (IOException ex) {
				logger.debug("Failed to close watch service", ex);
			}
			interrupt();
		}

	}

}
