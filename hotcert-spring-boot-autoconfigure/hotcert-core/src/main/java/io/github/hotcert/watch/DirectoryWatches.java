package io.github.hotcert.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.hotcert.logging.LogFields;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The directories registered with a {@link WatchService}, and the directories each key
 * reports on. A directory that was deleted, or replaced by another one under the same
 * name, is registered again; a directory that cannot be registered is left to polling,
 * with one warning. Without a watch service (polling only), nothing is registered and
 * {@link #take(long)} only waits, until it is closed.
 */
final class DirectoryWatches implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(DirectoryWatches.class);

	private final WatchService watchService;

	private final Map<Path, Registered> registered = new HashMap<>();

	private final Map<WatchKey, Set<Path>> byKey = new HashMap<>();

	private final Set<Path> unwatchable = new HashSet<>();

	private final Object monitor = new Object();

	private boolean closed;

	DirectoryWatches(WatchService watchService) {
		this.watchService = watchService;
	}

	/**
	 * Return whether file events are watched, or only polling is left.
	 * @return whether a watch service is used
	 */
	boolean watchesEvents() {
		return this.watchService != null;
	}

	/**
	 * Watch the given directories: register those that are not registered yet, and those
	 * whose registration is no longer valid or that were replaced by another directory
	 * under the same name. Directories registered before and not given are left as they
	 * are: {@link #cancel(Path)} them when nothing needs them any more.
	 * @param directories the directories to watch
	 * @return whether a directory was registered that was not before
	 */
	boolean watch(Set<Path> directories) {
		if (this.watchService == null) {
			return false;
		}
		boolean registered = false;
		for (Path directory : directories) {
			Registered existing = this.registered.get(directory);
			if (existing != null
					&& (!existing.key().isValid() || !Objects.equals(existing.fileKey(), fileKey(directory)))) {
				cancel(directory);
				existing = null;
			}
			if (existing == null && Files.isDirectory(directory)) {
				registered |= register(directory);
			}
		}
		return registered;
	}

	/**
	 * Stop watching a directory that nothing needs any more.
	 * @param directory the directory
	 */
	void cancel(Path directory) {
		this.unwatchable.remove(directory);
		Registered registered = this.registered.remove(directory);
		if (registered != null) {
			Set<Path> directories = this.byKey.get(registered.key());
			if (directories != null) {
				directories.remove(directory);
				if (directories.isEmpty()) {
					this.byKey.remove(registered.key());
					registered.key().cancel();
				}
			}
		}
	}

	private boolean register(Path directory) {
		try {
			WatchKey key = directory.register(this.watchService, StandardWatchEventKinds.ENTRY_CREATE,
					StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
			this.registered.put(directory, new Registered(key, fileKey(directory)));
			this.byKey.computeIfAbsent(key, (registered) -> new HashSet<>()).add(directory);
			this.unwatchable.remove(directory);
			LogFields.of(LogFields.FILE, directory).trace(logger, () -> "Watching directory '%s'".formatted(directory));
			return true;
		}
		catch (IOException | UnsupportedOperationException ex) {
			if (this.unwatchable.add(directory)) {
				LogFields.of(LogFields.FILE, directory)
					.warn(logger, "Unable to watch directory '%s' for certificate changes, relying on polling: %s"
						.formatted(directory, ex.getMessage()));
			}
			return false;
		}
	}

	/**
	 * Return the directories that a key was registered for.
	 * @param key the key
	 * @return the directories (usually one)
	 */
	Set<Path> directories(WatchKey key) {
		Set<Path> directories = this.byKey.get(key);
		return (directories != null) ? Set.copyOf(directories) : Set.of();
	}

	/**
	 * Wait for the next key with events.
	 * @param timeoutMillis the longest time to wait
	 * @return the key, or {@code null} when none was signalled in time
	 * @throws InterruptedException if the thread was interrupted
	 * @throws ClosedWatchServiceException if the watch service was closed
	 */
	WatchKey take(long timeoutMillis) throws InterruptedException {
		if (this.watchService == null) {
			synchronized (this.monitor) {
				if (this.closed) {
					throw new ClosedWatchServiceException();
				}
				this.monitor.wait(timeoutMillis);
			}
			return null;
		}
		return this.watchService.poll(timeoutMillis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Return the next key with events without waiting.
	 * @return the key, or {@code null}
	 */
	WatchKey next() {
		return (this.watchService != null) ? this.watchService.poll() : null;
	}

	@Override
	public void close() {
		synchronized (this.monitor) {
			this.closed = true;
			this.monitor.notifyAll();
		}
		if (this.watchService != null) {
			try {
				this.watchService.close();
			}
			catch (IOException ex) {
				logger.debug("Failed to close the watch service", ex);
			}
		}
	}

	private static Object fileKey(Path directory) {
		try {
			return Files.readAttributes(directory, BasicFileAttributes.class).fileKey();
		}
		catch (IOException ex) {
			return null;
		}
	}

	private record Registered(WatchKey key, Object fileKey) {

	}

}
