package io.github.hotcert.acme;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Files of the storage directory: created readable by the owner only (directories 0700,
 * files 0600) on POSIX file systems, written completely and synced before they become
 * visible under their name.
 */
final class StorageFiles {

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private static final Log logger = LogFactory.getLog(StorageFiles.class);

	private static final Set<Path> withoutHardLinks = ConcurrentHashMap.newKeySet();

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
	 * name exists: of several writers, exactly one succeeds. The name is given by a hard
	 * link; on a file system without hard links, by a rename, which is not exclusive
	 * between instances but never shows a partly written file either.
	 * @return whether this call created the file
	 */
	static boolean createAtomically(Path file, String content) throws IOException {
		return createAtomically(file, content, Files::createLink);
	}

	static boolean createAtomically(Path file, String content, Linker linker) throws IOException {
		Path temporary = temporarySibling(file);
		writeNew(temporary, content);
		try {
			linker.createLink(file, temporary);
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
		catch (UnsupportedOperationException ex) {
			return moveUnlessExists(temporary, file);
		}
		catch (FileSystemException ex) {
			// Linux reports a file system without hard links (some FUSE and SMB mounts)
			// with the error of the system call (EPERM, EOPNOTSUPP); a subclass is
			// another problem (permissions, a missing directory)
			if (ex.getClass() != FileSystemException.class) {
				throw ex;
			}
			try {
				boolean created = moveUnlessExists(temporary, file);
				if (withoutHardLinks.add(file.toAbsolutePath().getParent())) {
					logger.warn(("Creating a hard link in the ACME storage directory %s failed (%s): its files are "
							+ "created by a rename instead, which is not exclusive between instances that share it")
						.formatted(file.getParent(), ex.getReason()));
				}
				return created;
			}
			catch (IOException moveFailure) {
				moveFailure.addSuppressed(ex);
				throw moveFailure;
			}
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	private static boolean moveUnlessExists(Path temporary, Path file) throws IOException {
		if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
			return false;
		}
		try {
			Files.move(temporary, file);
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
	}

	/**
	 * Return a new name next to a file, for writing it before it is renamed.
	 */
	static Path temporarySibling(Path file) {
		return file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
	}

	/**
	 * Gives a file a second name, as {@link Files#createLink(Path, Path)} does.
	 */
	@FunctionalInterface
	interface Linker {

		void createLink(Path link, Path existing) throws IOException;

	}

	static String read(Path file) throws IOException {
		return Files.readString(file, StandardCharsets.US_ASCII);
	}

	static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(each);
			}
		}
	}

}
