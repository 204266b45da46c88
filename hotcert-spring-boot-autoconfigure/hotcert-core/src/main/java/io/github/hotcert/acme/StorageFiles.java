package io.github.hotcert.acme;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Files of the storage directory: created readable by the owner only (directories 0700,
 * files 0600) on POSIX file systems, written completely and synced before they become
 * visible under their name.
 */
final class StorageFiles {

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private StorageFiles() {
	}

	/**
	 * Create a directory and its missing parents, owner only.
	 */
	static Path createDirectories(Path directory) throws IOException {
		if (Files.isDirectory(directory)) {
			return directory;
		}
		return POSIX
				? Files.createDirectories(directory,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
				: Files.createDirectories(directory);
	}

	/**
	 * Write a new file, owner only, and sync it. Fails if the file exists.
	 */
	static void writeNew(Path file, String content) throws IOException {
		FileAttribute<?>[] attributes = POSIX
				? new FileAttribute<?>[] {
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
				: new FileAttribute<?>[0];
		try (FileChannel channel = FileChannel.open(file,
				Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
			ByteBuffer buffer = ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII));
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
	}

	/**
	 * Write a file under a temporary name, then give it its name unless a file of that
	 * name exists: of several writers, exactly one succeeds.
	 * @return whether this call created the file
	 */
	static boolean createAtomically(Path file, String content) throws IOException {
		Path temporary = temporarySibling(file);
		writeNew(temporary, content);
		try {
			Files.createLink(file, temporary);
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
		catch (UnsupportedOperationException ex) {
			// No hard links: not exclusive, but never a partly written file
			if (Files.exists(file)) {
				return false;
			}
			Files.move(temporary, file);
			return true;
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * Return a new name next to a file, for writing it before it is renamed.
	 */
	static Path temporarySibling(Path file) {
		return file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
	}

	static String read(Path file) throws IOException {
		return Files.readString(file, StandardCharsets.US_ASCII);
	}

	static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(each);
			}
		}
	}

}
