package io.github.hotcert.watch;

import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registrations that the file events of one round of a watcher thread concern, and
 * whether their files were swapped as a whole: an <em>atomic change</em>, complete by
 * construction, that needs no quiet period. A name of a directory was swapped in when,
 * among the events of that directory taken at once, it was created last and not written:
 * <ul>
 * <li>it is {@value #KUBERNETES_DATA}, the link that the kubelet renames into place once
 * a Secret, ConfigMap or projected volume is written in full, or</li>
 * <li>another name of the directory was deleted with it: the file, link or directory was
 * renamed into place from within the directory ({@code mv tls.p12.tmp tls.p12},
 * {@code mv -T current.tmp current}).</li>
 * </ul>
 * Such a name swaps the files of a registration as a whole when it is on the way to every
 * file of the registration (see {@link WatchedFiles#isCommon(DirectoryEntry)}): a link or
 * a directory that holds them all, or the file itself when the registration has one file
 * (a key store). Files written one after the other, links flipped one at a time
 * (certbot), files created and then written, or written in place are not atomic: they
 * wait for the quiet period.
 */
final class EventBatch {

	/**
	 * The name of the link that the kubelet swaps to update a volume.
	 */
	static final String KUBERNETES_DATA = "..data";

	private final Map<WatchedFiles, Boolean> changes = new LinkedHashMap<>();

	/**
	 * Take an event that concerns a registration.
	 * @param registration the registration
	 * @param swapped whether the event swapped the files of the registration as a whole
	 */
	void add(WatchedFiles registration, boolean swapped) {
		this.changes.merge(registration, swapped, Boolean::logicalOr);
	}

	boolean isEmpty() {
		return this.changes.isEmpty();
	}

	boolean contains(WatchedFiles registration) {
		return this.changes.containsKey(registration);
	}

	Set<WatchedFiles> registrations() {
		return this.changes.keySet();
	}

	/**
	 * Let the debounce of every registration concerned know: an atomic change is read at
	 * once, any other change waits for quiet.
	 * @param now the current time
	 */
	void applyTo(long now) {
		this.changes.forEach((registration, swapped) -> {
			if (swapped) {
				registration.debounce().onAtomicChange(now);
			}
			else {
				registration.debounce().onEvent(now);
			}
		});
	}

	/**
	 * Return the names that the events of one directory, taken at once, show swapped in.
	 * @param deletedBefore the name whose deletion was the last event of the previous
	 * events taken, when they were of the same directory and taken just before (the two
	 * events of one rename may be taken apart), or {@code null}
	 * @param events the events of the directory, in order
	 * @return the names swapped in
	 */
	static Set<Path> swappedNames(Path deletedBefore, List<WatchEvent<?>> events) {
		Map<Path, WatchEvent.Kind<?>> last = new HashMap<>();
		Set<Path> written = new HashSet<>();
		Set<Path> deleted = new HashSet<>();
		if (deletedBefore != null) {
			deleted.add(deletedBefore);
		}
		for (WatchEvent<?> event : events) {
			if (event.context() instanceof Path name) {
				if (event.kind() == StandardWatchEventKinds.ENTRY_MODIFY) {
					written.add(name);
				}
				else {
					last.put(name, event.kind());
					if (event.kind() == StandardWatchEventKinds.ENTRY_DELETE) {
						deleted.add(name);
					}
				}
			}
		}
		Set<Path> swapped = new LinkedHashSet<>();
		last.forEach((name, kind) -> {
			if (kind == StandardWatchEventKinds.ENTRY_CREATE && !written.contains(name)
					&& (KUBERNETES_DATA.equals(name.toString()) || hasOther(deleted, name))) {
				swapped.add(name);
			}
		});
		return swapped;
	}

	/**
	 * Return the name whose deletion is the last of the given events, if it is.
	 * @param events the events of a directory, in order
	 * @return the name deleted last, or {@code null}
	 */
	static Path deletedLast(List<WatchEvent<?>> events) {
		WatchEvent<?> last = events.isEmpty() ? null : events.get(events.size() - 1);
		return (last != null && last.kind() == StandardWatchEventKinds.ENTRY_DELETE
				&& last.context() instanceof Path name) ? name : null;
	}

	private static boolean hasOther(Set<Path> names, Path name) {
		return names.size() > 1 || (names.size() == 1 && !names.contains(name));
	}

}
