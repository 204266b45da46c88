package io.github.hotcert.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * Reads one regular file, following symbolic links, so that no read can block or run
 * unbounded: the type of the file is checked before it is opened, so that a named pipe, a
 * device, a socket or a directory is refused without being opened, and at most one byte
 * more than the limit is read, so that a file that grows while it is read is refused as
 * soon as it passes the limit.
 */
public final class RegularFile {

	private static final int S_IFMT = 0170000;

	private static final int S_IFIFO = 0010000;

	private static final int S_IFCHR = 0020000;

	private static final int S_IFBLK = 0060000;

	private static final int S_IFSOCK = 0140000;

	private RegularFile() {
	}

	/**
	 * Read a regular file.
	 * @param path the file (symbolic links are followed)
	 * @param maxSize the largest content that is read, in bytes
	 * @return the content
	 * @throws java.nio.file.NoSuchFileException if the file does not exist
	 * @throws UnreadableFileException if the path is not a regular file or the file is
	 * larger than the limit
	 * @throws IOException if the file cannot be read
	 */
	public static Content read(Path path, long maxSize) throws IOException {
		return read(path, maxSize, Files::newInputStream);
	}

	static Content read(Path path, long maxSize, FileOpener opener) throws IOException {
		BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
		if (!attributes.isRegularFile()) {
			throw new UnreadableFileException(attributes.isDirectory() ? "the path is a directory, not a file"
					: "the path is %s, not a regular file".formatted(describeSpecialFile(path)));
		}
		if (attributes.size() > maxSize) {
			throw tooLarge(attributes.size(), maxSize);
		}
		try (InputStream inputStream = opener.open(path)) {
			byte[] bytes = inputStream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxSize + 1));
			if (bytes.length > maxSize) {
				throw tooLarge(bytes.length, maxSize);
			}
			return new Content(bytes, attributes.lastModifiedTime().toInstant());
		}
	}

	/**
	 * Return the reason for content that is larger than the limit.
	 * @param size the size found
	 * @param maxSize the limit
	 * @return the exception
	 */
	static UnreadableFileException tooLarge(long size, long maxSize) {
		return new UnreadableFileException(
				"the file is %d bytes or more, larger than the limit of %d bytes (hotcert.source.max-file-size)"
					.formatted(size, maxSize));
	}

	/**
	 * Describe what a path that is neither a regular file nor a directory is, from the
	 * type bits of its mode where the file system has them.
	 */
	private static String describeSpecialFile(Path path) {
		try {
			if (Files.getAttribute(path, "unix:mode") instanceof Integer mode) {
				switch (mode & S_IFMT) {
					case S_IFIFO:
						return "a named pipe (FIFO)";
					case S_IFCHR:
						return "a character device";
					case S_IFBLK:
						return "a block device";
					case S_IFSOCK:
						return "a socket";
					default:
						break;
				}
			}
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			// No unix view (Windows): the generic description below
		}
		return "a special file (a device, a named pipe or a socket)";
	}

	/**
	 * The content of a regular file. {@link #toString()} never shows the bytes.
	 *
	 * @param bytes the content
	 * @param lastModified when the file was last modified
	 */
	public record Content(byte[] bytes, Instant lastModified) {

		@Override
		public String toString() {
			return "Content[size=" + this.bytes.length + ", lastModified=" + this.lastModified + "]";
		}

	}

	/**
	 * Thrown when a path is not a regular file, or the file is larger than the limit.
	 */
	public static final class UnreadableFileException extends IOException {

		private final String reason;

		UnreadableFileException(String reason) {
			super(reason);
			this.reason = reason;
		}

		/**
		 * Return why the file is not read, for messages.
		 * @return the reason
		 */
		public String getReason() {
			return this.reason;
		}

	}

	/**
	 * Opens a file for reading.
	 */
	@FunctionalInterface
	interface FileOpener {

		InputStream open(Path path) throws IOException;

	}

}
