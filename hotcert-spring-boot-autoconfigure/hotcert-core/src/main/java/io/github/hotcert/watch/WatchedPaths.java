package io.github.hotcert.watch;

import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The paths of every registration of a watcher thread and the directories watched for
 * them: which registrations the events of a watch key concern, and which directories to
 * watch as the paths change. Registrations are indexed by the entries and directories
 * they watch, so that the cost of an event does not grow with the number of
 * registrations: only the registrations it concerns are resolved again.
 */
final class WatchedPaths {

	private static final Log logger = LogFactory.getLog(CertificateFileWatcher.class);

	/**
	 * How many times in a row the paths are resolved while new directories keep being
	 * registered (a directory created while its parent was being registered).
	 */
	private static final int MAX_RESOLVE_ROUNDS = 10;

	/**
	 * The longest time between the events of a directory taken one after the other in
	 * which the two events of one rename may have been taken apart.
	 */
	private static final long RENAME_INTERVAL = Debounce.CONFIRM_INTERVAL.toNanos();

	private final List<WatchedFiles> registrations;

	private final WatchCounters counters;

	private final Map<DirectoryEntry, Set<WatchedFiles>> byEntry = new HashMap<>();

	private final Map<Path, Set<WatchedFiles>> byDirectory = new HashMap<>();

	private volatile DirectoryWatches watches;

	private WatchKey lastKey;

	private Path lastDeleted;

	private long lastTaken;

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
	 * Add the registrations that the events of a key concern to a batch, with whether the
	 * events swapped their files as a whole.
	 * @param key the key with events
	 * @param batch the batch of the current round
	 */
	void collect(WatchKey key, EventBatch batch) {
		Set<Path> directories = this.watches.directories(key);
		List<WatchEvent<?>> events = key.pollEvents();
		boolean valid = key.reset();
		long now = System.nanoTime();
		boolean following = key == this.lastKey && now - this.lastTaken < RENAME_INTERVAL;
		Set<Path> swapped = EventBatch.swappedNames(following ? this.lastDeleted : null, events);
		this.lastKey = key;
		this.lastDeleted = EventBatch.deletedLast(events);
		this.lastTaken = now;
		for (WatchEvent<?> event : events) {
			if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
				this.counters.overflows.incrementAndGet();
				logger.debug("File events were lost (overflow): checking every watched file");
				this.registrations.forEach((registration) -> batch.add(registration, false));
			}
			else if (event.context() instanceof Path name) {
				for (Path directory : directories) {
					DirectoryEntry entry = new DirectoryEntry(directory, name);
					for (WatchedFiles registration : this.byEntry.getOrDefault(entry, Set.of())) {
						batch.add(registration, swapped.contains(name) && registration.isCommon(entry));
					}
				}
			}
		}
		if (!valid) {
			for (Path directory : directories) {
				this.byDirectory.getOrDefault(directory, Set.of()).forEach((files) -> batch.add(files, false));
			}
		}
	}

	/**
	 * Resolve the paths of every registration again and watch their directories.
	 * @return the registrations whose paths now lead elsewhere
	 */
	Set<WatchedFiles> resolve() {
		return resolve(this.registrations);
	}

	/**
	 * Resolve the paths of the given registrations again and watch their directories.
	 * When new directories were registered, the paths are resolved again, since a
	 * directory created while its parent was being registered produced no event.
	 * @param registrations the registrations
	 * @return the registrations whose paths now lead elsewhere
	 */
	Set<WatchedFiles> resolve(Collection<WatchedFiles> registrations) {
		Set<WatchedFiles> moved = new LinkedHashSet<>();
		for (int round = 0; round < MAX_RESOLVE_ROUNDS; round++) {
			boolean resolved = false;
			Set<Path> directories = new LinkedHashSet<>();
			for (WatchedFiles registration : registrations) {
				Set<DirectoryEntry> before = registration.entries();
				Set<Path> directoriesBefore = registration.directories();
				if (registration.resolve()) {
					index(registration, before, directoriesBefore);
					moved.add(registration);
					resolved = true;
				}
				directories.addAll(registration.directories());
			}
			if (!this.watches.watch(directories) || (round > 0 && !resolved)) {
				break;
			}
		}
		return moved;
	}

	/**
	 * Index a registration by the entries and directories it watches now, and stop
	 * watching the directories that no registration needs any more.
	 */
	private void index(WatchedFiles registration, Set<DirectoryEntry> before, Set<Path> directoriesBefore) {
		before.forEach((entry) -> remove(this.byEntry, entry, registration));
		registration.entries()
			.forEach((entry) -> this.byEntry.computeIfAbsent(entry, (key) -> new LinkedHashSet<>()).add(registration));
		Set<Path> directories = registration.directories();
		for (Path directory : directoriesBefore) {
			if (!directories.contains(directory) && remove(this.byDirectory, directory, registration)) {
				this.watches.cancel(directory);
			}
		}
		directories.forEach((directory) -> this.byDirectory.computeIfAbsent(directory, (key) -> new LinkedHashSet<>())
			.add(registration));
	}

	/**
	 * Remove a registration from an index.
	 * @return whether no registration is left under the key
	 */
	private static <K> boolean remove(Map<K, Set<WatchedFiles>> index, K key, WatchedFiles registration) {
		Set<WatchedFiles> registrations = index.get(key);
		if (registrations == null) {
			return false;
		}
		registrations.remove(registration);
		if (registrations.isEmpty()) {
			index.remove(key);
			return true;
		}
		return false;
	}

	/**
	 * Use other watches, after the watch service failed, and close the failed ones. The
	 * next {@link #resolve()} registers every directory with them.
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
