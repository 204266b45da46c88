package io.github.hotcert.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.github.hotcert.source.RegularFile.UnreadableFileException;

/**
 * One look at the directories that hold the files of a bundle: each file's path is
 * followed one name at a time, and every name on the way (a directory, a symbolic link,
 * the file) is looked up at most once. Files resolved through the same resolution are
 * therefore found in the same state of their directories: the certificate and the key of
 * a Kubernetes Secret volume go through one reading of its {@code ..data} link, and so
 * come from the same version of the Secret.
 * <p>
 * {@link #isCurrent()} tells whether any name changed since (a link swapped, a directory
 * replaced or removed), in which case the files read through it may come from different
 * states and should be read again.
 */
final class PathResolution {

	/**
	 * The most symbolic links followed for one path, as on Linux.
	 */
	private static final int MAX_LINKS = 40;

	private final Map<Path, Entry> entries = new LinkedHashMap<>();

	/**
	 * Return the path of a file free of symbolic links, as this resolution sees them.
	 * @param file the file, as configured
	 * @return the path with every symbolic link resolved; it may not exist
	 * @throws UnreadableFileException if the path goes through a symbolic link loop
	 */
	Path resolve(Path file) throws UnreadableFileException {
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
			Path target = this.entries.computeIfAbsent(candidate, PathResolution::lookUp).linkTarget();
			if (target == null) {
				directory = candidate;
				continue;
			}
			if (++links > MAX_LINKS) {
				throw new UnreadableFileException(Files.isSymbolicLink(absolute) ? "the file is a symbolic link loop"
						: "the path goes through a symbolic link loop");
			}
			if (target.isAbsolute()) {
				directory = target.getRoot();
			}
			Deque<Path> names = new ArrayDeque<>();
			target.forEach(names::add);
			names.descendingIterator().forEachRemaining(remaining::addFirst);
		}
		return directory;
	}

	/**
	 * Return whether every name this resolution looked up is still what it was: the same
	 * link target, the same directory or file, or still missing.
	 * @return whether the resolution is current
	 */
	boolean isCurrent() {
		return this.entries.entrySet().stream().allMatch((entry) -> lookUp(entry.getKey()).equals(entry.getValue()));
	}

	private static Entry lookUp(Path path) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			if (attributes.isSymbolicLink()) {
				return new Entry(Files.readSymbolicLink(path), null, true);
			}
			return new Entry(null, Objects.requireNonNullElse(attributes.fileKey(), attributes.creationTime()), true);
		}
		catch (NoSuchFileException ex) {
			return Entry.MISSING;
		}
		catch (IOException ex) {
			// Not readable here (permission, I/O): reading the file reports why
			return new Entry(null, null, true);
		}
	}

	/**
	 * What one name was when it was looked up.
	 *
	 * @param linkTarget the target of the symbolic link, as written, or {@code null} when
	 * the name is not a link
	 * @param identity what identifies the file or directory (its file key), or
	 * {@code null}
	 * @param exists whether the name exists
	 */
	private record Entry(Path linkTarget, Object identity, boolean exists) {

		static final Entry MISSING = new Entry(null, null, false);

	}

}
