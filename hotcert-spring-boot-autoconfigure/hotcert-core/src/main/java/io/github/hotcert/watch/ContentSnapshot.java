package io.github.hotcert.watch;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.hotcert.source.Sha256;
import io.github.hotcert.source.RegularFile.UnreadableFileException;

/**
 * The SHA-256 digest of the content of each watched file at one moment, following
 * symbolic links. A file that does not exist or cannot be read (it is not a regular file,
 * it is larger than the limit) has a marker instead of a digest, so that its
 * disappearance and its return are both changes. Touching a file or rewriting it with
 * identical bytes does not change its snapshot.
 *
 * @param digests the digest (or marker) of each file
 */
record ContentSnapshot(Map<Path, String> digests) {

	static final String MISSING = "missing";

	ContentSnapshot {
		digests = Map.copyOf(digests);
	}

	/**
	 * Read every file and return its snapshot.
	 * @param files the files
	 * @param reader the reader of the files
	 * @return the snapshot
	 */
	static ContentSnapshot read(Collection<Path> files, FileContentReader reader) {
		Map<Path, String> digests = new LinkedHashMap<>();
		for (Path file : files) {
			digests.put(file, digest(file, reader));
		}
		return new ContentSnapshot(digests);
	}

	/**
	 * Return the files whose digest differs from the given snapshot.
	 * @param other the other snapshot, or {@code null}
	 * @return the files that differ
	 */
	List<Path> differences(ContentSnapshot other) {
		return this.digests.keySet()
			.stream()
			.filter((file) -> other == null || !Objects.equals(this.digests.get(file), other.digests.get(file)))
			.sorted()
			.toList();
	}

	/**
	 * Return the files that do not exist.
	 * @return the missing files
	 */
	List<Path> missing() {
		return this.digests.entrySet()
			.stream()
			.filter((entry) -> MISSING.equals(entry.getValue()))
			.map(Map.Entry::getKey)
			.sorted()
			.toList();
	}

	private static String digest(Path file, FileContentReader reader) {
		try {
			return Sha256.hex(reader.read(file));
		}
		catch (NoSuchFileException ex) {
			return MISSING;
		}
		catch (UnreadableFileException ex) {
			return "unreadable (" + ex.getReason() + ")";
		}
		catch (IOException ex) {
			return "unreadable (" + ex.getClass().getSimpleName() + ")";
		}
	}

}
