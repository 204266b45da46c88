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
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.hotcert.logging.LogFields;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The directories registered with a {@link WatchService}. A directory that was deleted,
 * or replaced by another one under the same name, is registered again; a directory that
 * cannot be registered is left to polling, with one warning. Without a watch service
 * (polling only), nothing is registered and {@link #take(long)} only waits, until it is
 * closed.
 */
final class DirectoryWatches implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(DirectoryWatches.class);

	private final WatchService watchService;

	private final Map<Path, Registered> registered = new HashMap<>();

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
	 * Make the registered directories the given ones: register new directories and
	 * directories that were replaced, cancel the others.
	 * @param directories the directories to watch
	 * @return whether a directory was registered that was not before
	 */
	boolean update(Set<Path> directories) {
		if (this.watchService == null) {
			return false;
		}
		Iterator<Map.Entry<Path, Registered>> iterator = this.registered.entrySet().iterator();
		while (iterator.hasNext()) {
			Map.Entry<Path, Registered> entry = iterator.next();
			Registered registered = entry.getValue();
			if (!directories.contains(entry.getKey()) || !registered.key().isValid()
					|| !Objects.equals(registered.fileKey(), fileKey(entry.getKey()))) {
				iterator.remove();
				if (!isInUse(registered.key())) {
					registered.key().cancel();
				}
			}
		}
		this.unwatchable.retainAll(directories);
		boolean registered = false;
		for (Path directory : directories) {
			if (!this.registered.containsKey(directory) && Files.isDirectory(directory)) {
				registered |= register(directory);
			}
		}
		return registered;
	}

	private boolean isInUse(WatchKey key) {
		return this.registered.values().stream().anyMatch((registered) -> registered.key() == key);
	}

	private boolean register(Path directory) {
		try {
			WatchKey key = directory.register(this.watchService, StandardWatchEventKinds.ENTRY_CREATE,
					StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
			this.registered.put(directory, new Registered(key, fileKey(directory)));
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
		Set<Path> directories = new HashSet<>();
		this.registered.forEach((directory, registered) -> {
			if (registered.key() == key) {
				directories.add(directory);
			}
		});
		return directories;
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
