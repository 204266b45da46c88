package io.github.hotcert.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds the {@link DirectoryEntry directory entries} to watch for one file, following its
 * path as written one name at a time: every name on the way from the configured path to
 * the file it finally resolves to, in the directory that holds it. That is:
 * <ul>
 * <li>every directory on the way, in its parent, up to the root, so that a directory
 * replaced at any level (renamed over, removed and created again, replaced by a symbolic
 * link) is seen;</li>
 * <li>every symbolic link on the way (in the file name or in any parent, and in the
 * targets of links), so that a swapped link (a Kubernetes {@code ..data} link, a
 * {@code current} directory link) is seen;</li>
 * <li>the file in the directory that really holds it;</li>
 * <li>the first name that does not exist, in the last directory that does, so that a
 * deleted file or directory is seen when it comes back.</li>
 * </ul>
 * The result depends on the links at the time of the call: it is computed again after
 * every event.
 */
final class WatchTargets {

	private static final int MAX_LINKS = 40;

	private WatchTargets() {
	}

	/**
	 * Return the entries to watch for a file.
	 * @param file the file, as configured
	 * @return the entries
	 */
	static Set<DirectoryEntry> of(Path file) {
		Set<DirectoryEntry> entries = new LinkedHashSet<>();
		Path absolute = file.toAbsolutePath();
		Path directory = absolute.getRoot();
		Deque<Path> remaining = new ArrayDeque<>();
		absolute.forEach(remaining::add);
		int links = 0;
		while (!remaining.isEmpty()) {
			Path name = remaining.removeFirst();
			if (".".equals(name.toString())) {
				continue;
			}
			if ("..".equals(name.toString())) {
				directory = (directory.getParent() != null) ? directory.getParent() : directory;
				continue;
			}
			Path candidate = directory.resolve(name);
			entries.add(new DirectoryEntry(directory, name));
			if (Files.isSymbolicLink(candidate)) {
				Path target = readLink(candidate);
				if (target == null || ++links > MAX_LINKS) {
					return entries;
				}
				if (target.isAbsolute()) {
					directory = target.getRoot();
				}
				Deque<Path> names = new ArrayDeque<>();
				target.forEach(names::add);
				names.descendingIterator().forEachRemaining(remaining::addFirst);
				continue;
			}
			if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
				return entries;
			}
			directory = candidate;
		}
		return entries;
	}

	private static Path readLink(Path link) {
		try {
			return Files.readSymbolicLink(link);
		}
		catch (IOException ex) {
			// Removed while it was read: the event that follows resolves it again
			return null;
		}
	}

}
