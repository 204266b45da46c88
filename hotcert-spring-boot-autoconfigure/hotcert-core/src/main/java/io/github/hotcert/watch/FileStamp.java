package io.github.hotcert.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;

/**
 * What the file system says of a watched file at one moment, following symbolic links:
 * which file it is, its size, and when its content and its status last changed. Polling
 * reads the content of a file again only when its stamp changed: a write changes the
 * status change time ({@code ctime}), which no program can set back, and a replaced file
 * is another file. A stamp taken less than {@link #SETTLE_MILLIS} after the file last
 * changed vouches for nothing, since a second write within the same tick of the file
 * system's clock may leave every attribute as it was.
 *
 * @param fileKey which file it is (device and inode), or {@code null} when it does not
 * exist
 * @param size the size in bytes
 * @param modified when the content last changed
 * @param changed when the status last changed
 * @param takenMillis when the stamp was taken, in milliseconds since the epoch
 */
record FileStamp(Object fileKey, long size, FileTime modified, FileTime changed, long takenMillis) {

	/**
	 * How long after its last change a file must have been stamped for the stamp to be
	 * trusted.
	 */
	static final long SETTLE_MILLIS = 2000;

	/**
	 * Stamp a file.
	 * @param file the file, as configured (symbolic links are followed)
	 * @return the stamp, or {@code null} when the file system cannot tell (the content
	 * must then be read)
	 */
	static FileStamp of(Path file) {
		long now = System.currentTimeMillis();
		try {
			Map<String, Object> attributes = Files.readAttributes(file, "unix:fileKey,size,lastModifiedTime,ctime");
			if (attributes.get("ctime") instanceof FileTime changed
					&& attributes.get("lastModifiedTime") instanceof FileTime modified
					&& attributes.get("size") instanceof Long size) {
				return new FileStamp(attributes.get("fileKey"), size, modified, changed, now);
			}
			return null;
		}
		catch (NoSuchFileException ex) {
			return new FileStamp(null, -1, null, null, now);
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Return whether the file holds the content it held when an earlier stamp was taken.
	 * @param earlier the earlier stamp, or {@code null}
	 * @return whether the content is known to be the same
	 */
	boolean sameContentAs(FileStamp earlier) {
		return earlier != null && earlier.isTrusted() && Objects.equals(this.fileKey, earlier.fileKey)
				&& this.size == earlier.size && Objects.equals(this.modified, earlier.modified)
				&& Objects.equals(this.changed, earlier.changed);
	}

	private boolean isTrusted() {
		return this.changed == null || this.changed.toMillis() + SETTLE_MILLIS < this.takenMillis;
	}

}
