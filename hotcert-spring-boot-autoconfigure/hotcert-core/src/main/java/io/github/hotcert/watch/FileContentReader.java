package io.github.hotcert.watch;

import java.io.IOException;
import java.nio.file.Path;

import io.github.hotcert.source.RegularFile;

/**
 * Reads the content of a watched file for a {@link ContentSnapshot}.
 */
@FunctionalInterface
interface FileContentReader {

	/**
	 * Read a file.
	 * @param file the file, as configured (symbolic links are followed)
	 * @return the content
	 * @throws java.nio.file.NoSuchFileException if the file does not exist
	 * @throws IOException if the file cannot be read
	 */
	byte[] read(Path file) throws IOException;

	/**
	 * Return the reader of regular files with the given limit: a path that is not a
	 * regular file (a named pipe, a device) is not opened, and no more than one byte
	 * above the limit is read.
	 * @param maxSize the largest content that is read, in bytes
	 * @return the reader
	 */
	static FileContentReader regularFiles(long maxSize) {
		return (file) -> RegularFile.read(file, maxSize).bytes();
	}

}
