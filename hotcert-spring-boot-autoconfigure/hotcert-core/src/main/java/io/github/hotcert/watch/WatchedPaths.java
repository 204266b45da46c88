package io.github.hotcert.watch;

import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The paths of every registration of a watcher thread and the directories watched for
 * them: which registrations the events of a watch key concern, and which directories to
 * watch as the paths change.
 */
final class WatchedPaths {

	private static final Log logger = LogFactory.getLog(CertificateFileWatcher.class);

	/**
	 * How many times in a row the paths are resolved while new directories keep being
	 * registered (a directory created while its parent was being registered).
	 */
	private static final int MAX_RESOLVE_ROUNDS = 10;

	private final List<WatchedFiles> registrations;

	private final WatchCounters counters;

	private volatile DirectoryWatches watches;

	WatchedPaths(List<WatchedFiles> registrations, DirectoryWatches watches, WatchCounters counters) {
		this.registrations = registrations;
		this.watches = watches;
		this.counters = counters;
	}

	WatchKey take(long timeoutMillis) throws InterruptedException {
		return this.watches.take(timeoutMillis);
	}

	WatchKey next() {
		return this.watches.next();
	}

	/**
	 * Return the registrations that the events of a key concern, after resolving the
	 * paths of every registration again when there are any.
	 * @param key the key with events
	 * @return the registrations to check
	 */
	Set<WatchedFiles> changedBy(WatchKey key) {
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
		}
		return changed;
	}

	/**
	 * Resolve the paths of every registration again and watch their directories. When new
	 * directories were registered, the paths are resolved again, since a directory
	 * created while its parent was being registered produced no event.
	 * @return the registrations whose paths now lead elsewhere
	 */
	Set<WatchedFiles> resolve() {
		Set<WatchedFiles> moved = new LinkedHashSet<>();
		for (int round = 0; round < MAX_RESOLVE_ROUNDS; round++) {
			boolean resolved = false;
			Set<Path> directories = new LinkedHashSet<>();
			for (WatchedFiles registration : this.registrations) {
				if (registration.resolve()) {
					moved.add(registration);
					resolved = true;
				}
				directories.addAll(registration.directories());
			}
			if (!this.watches.update(directories) || (round > 0 && !resolved)) {
				break;
			}
		}
		return moved;
	}

	/**
	 * Use other watches, after the watch service failed, and close the failed ones.
	 * @param watches the new watches
	 */
	void replaceWatches(DirectoryWatches watches) {
		DirectoryWatches failed = this.watches;
		this.watches = watches;
		failed.close();
	}

	boolean watchesEvents() {
		return this.watches.watchesEvents();
	}

	void close() {
		this.watches.close();
	}

}
