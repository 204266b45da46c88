package io.github.hotcert.watch;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files of one registration (usually one SSL bundle): what to watch for them, the
 * content last acted on, and when to read them next.
 */
final class WatchedFiles {

	private final String name;

	private final Set<Path> files;

	private final FileChangeListener action;

	private final WatchSettings settings;

	private final Debounce debounce;

	private Set<DirectoryEntry> entries = Set.of();

	private Set<DirectoryEntry> commonEntries = Set.of();

	private volatile ContentSnapshot known;

	private volatile ContentSnapshot endedThread;

	private volatile WatchedFiles origin;

	private Map<Path, FileStamp> stamps = Map.of();

	WatchedFiles(String name, Set<Path> files, FileChangeListener action, WatchSettings settings) {
		this.name = name;
		this.files = files;
		this.action = action;
		this.settings = settings;
		this.debounce = new Debounce(settings.quietPeriod(), settings.maxWait());
	}

	/**
	 * Return a copy for a new watcher thread: the same files and action, the content
	 * known as its baseline (none after an error ended a thread in the action), nothing
	 * pending. The copy can {@link #takeOver(boolean) take over} what this registration
	 * knows once the thread that runs it ended.
	 * @return the copy
	 */
	WatchedFiles copy() {
		WatchedFiles copy = new WatchedFiles(this.name, this.files, this.action, this.settings);
		copy.known = this.known;
		copy.endedThread = this.endedThread;
		copy.origin = this;
		return copy;
	}

	/**
	 * Start from what the registration this one was {@link #copy() copied} from knows
	 * now, when the thread that ran it has ended since: its action may have taken a
	 * change, asked for another read, or ended the thread, after the copy was made. In
	 * any case, forget the registration it was copied from. Called by the new thread
	 * before it reads or acts.
	 * @param originEnded whether the thread that ran the original has ended
	 */
	void takeOver(boolean originEnded) {
		WatchedFiles origin = this.origin;
		this.origin = null;
		if (origin != null && originEnded) {
			this.known = origin.known;
			this.endedThread = origin.endedThread;
		}
	}

	String name() {
		return this.name;
	}

	Set<Path> files() {
		return this.files;
	}

	FileChangeListener action() {
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
		Set<DirectoryEntry> common = null;
		for (Path file : this.files) {
			Set<DirectoryEntry> entries = WatchTargets.of(file);
			resolved.addAll(entries);
			if (common == null) {
				common = new LinkedHashSet<>(entries);
			}
			else {
				common.retainAll(entries);
			}
		}
		boolean changed = !resolved.equals(this.entries);
		this.entries = Set.copyOf(resolved);
		this.commonEntries = (common != null) ? Set.copyOf(common) : Set.of();
		return changed;
	}

	Set<DirectoryEntry> entries() {
		return this.entries;
	}

	/**
	 * Return whether an entry is on the way to every file of the registration, so that
	 * swapping it swaps them all: a link or directory that holds every file, or the file
	 * itself when there is only one.
	 * @param entry the entry
	 * @return whether the entry is common to every file
	 */
	boolean isCommon(DirectoryEntry entry) {
		return this.commonEntries.contains(entry);
	}

	Set<Path> directories() {
		Set<Path> directories = new LinkedHashSet<>();
		this.entries.forEach((entry) -> directories.add(entry.directory()));
		return directories;
	}

	ContentSnapshot read(FileContentReader reader) {
		return ContentSnapshot.read(this.files, reader);
	}

	/**
	 * Read the files for a poll, unless their stamps show that none of them changed since
	 * the previous poll read them.
	 * @param reader the reader of the files
	 * @return what was read, or {@code null} when no file changed
	 */
	ContentSnapshot poll(FileContentReader reader) {
		Map<Path, FileStamp> stamps = new HashMap<>();
		boolean unchanged = true;
		for (Path file : this.files) {
			FileStamp stamp = FileStamp.of(file);
			stamps.put(file, stamp);
			unchanged &= stamp != null && stamp.sameContentAs(this.stamps.get(file));
		}
		if (unchanged) {
			return null;
		}
		this.stamps = stamps;
		return read(reader);
	}

	/**
	 * Return the files whose content differs from the content known.
	 * @param snapshot the content read
	 * @return the files that differ
	 */
	List<Path> differences(ContentSnapshot snapshot) {
		return snapshot.differences(this.known);
	}

	/**
	 * Read the files and take what they hold as known: the baseline of later comparisons,
	 * for files that were not watched until now.
	 * @param reader the reader of the files
	 */
	void readBaseline(FileContentReader reader) {
		accept(read(reader));
	}

	/**
	 * Take the content read as known, the baseline of later comparisons.
	 * @param snapshot the content, or {@code null} for none
	 * @return the content known before
	 */
	ContentSnapshot accept(ContentSnapshot snapshot) {
		ContentSnapshot previous = this.known;
		this.known = snapshot;
		return previous;
	}

	/**
	 * Forget the content known after an error ended the thread while the action ran on
	 * it, so that the thread that replaces it acts once more on what the files hold then:
	 * the action may have ended before it took the change, or after. Only once for the
	 * same content: an error that happens every time does not end every thread that
	 * follows.
	 * @param snapshot the content the action was running on
	 */
	void actionEndedThread(ContentSnapshot snapshot) {
		if (!snapshot.equals(this.endedThread)) {
			this.endedThread = snapshot;
			this.known = null;
		}
	}

	/**
	 * Note that the action ended without ending the thread: content that ends a thread
	 * later is acted on once more, even content that did so before.
	 */
	void actionReturned() {
		this.endedThread = null;
	}

	boolean isKnown(ContentSnapshot snapshot) {
		return snapshot.equals(this.known);
	}

	@Override
	public String toString() {
		return "'" + this.name + "' " + this.files;
	}

}
