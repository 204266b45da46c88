package io.github.hotcert.watch;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The files of one registration (usually one SSL bundle): what to watch for them, the
 * content last acted on, and when to read them next.
 */
final class WatchedFiles {

	private final String name;

	private final Set<Path> files;

	private final Consumer<ChangeOrigin> action;

	private final WatchSettings settings;

	private final Debounce debounce;

	private Set<DirectoryEntry> entries = Set.of();

	private volatile ContentSnapshot known;

	WatchedFiles(String name, Set<Path> files, Consumer<ChangeOrigin> action, WatchSettings settings) {
		this.name = name;
		this.files = files;
		this.action = action;
		this.settings = settings;
		this.debounce = new Debounce(settings.quietPeriod(), settings.maxWait());
	}

	/**
	 * Return a copy for a new watcher thread: the same files and action, the content last
	 * acted on as its baseline, nothing pending.
	 * @return the copy
	 */
	WatchedFiles copy() {
		WatchedFiles copy = new WatchedFiles(this.name, this.files, this.action, this.settings);
		copy.known = this.known;
		return copy;
	}

	String name() {
		return this.name;
	}

	Set<Path> files() {
		return this.files;
	}

	Consumer<ChangeOrigin> action() {
		return this.action;
	}

	Debounce debounce() {
		return this.debounce;
	}

	/**
	 * Resolve the entries to watch again, following symbolic links as they are now.
	 * @return whether the entries changed
	 */
	boolean resolve() {
		Set<DirectoryEntry> resolved = new LinkedHashSet<>();
		this.files.forEach((file) -> resolved.addAll(WatchTargets.of(file)));
		boolean changed = !resolved.equals(this.entries);
		this.entries = Set.copyOf(resolved);
		return changed;
	}

	Set<Path> directories() {
		Set<Path> directories = new LinkedHashSet<>();
		this.entries.forEach((entry) -> directories.add(entry.directory()));
		return directories;
	}

	boolean isInterestedIn(Path directory, Path name) {
		return this.entries.contains(new DirectoryEntry(directory, name));
	}

	boolean watchesAny(Set<Path> directories) {
		return this.entries.stream().anyMatch((entry) -> directories.contains(entry.directory()));
	}

	ContentSnapshot read(FileContentReader reader) {
		return ContentSnapshot.read(this.files, reader);
	}

	/**
	 * Take the content read as known, the baseline of later comparisons.
	 * @param snapshot the content
	 * @return the files that changed since the previous baseline
	 */
	List<Path> accept(ContentSnapshot snapshot) {
		List<Path> changed = snapshot.differences(this.known);
		this.known = snapshot;
		return changed;
	}

	boolean isKnown(ContentSnapshot snapshot) {
		return snapshot.equals(this.known);
	}

	@Override
	public String toString() {
		return "'" + this.name + "' " + this.files;
	}

}
