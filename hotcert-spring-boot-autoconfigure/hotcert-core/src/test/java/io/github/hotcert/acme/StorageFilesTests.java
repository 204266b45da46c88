package io.github.hotcert.acme;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link StorageFiles}. A file system without hard links is stood for by a
 * linker that fails as the JDK does on Linux for such a file system: with a plain
 * {@link FileSystemException} that carries the error of the system call.
 */
@ExtendWith(OutputCaptureExtension.class)
class StorageFilesTests {

	private static final StorageFiles.Linker NO_HARD_LINKS = (link, existing) -> {
		throw new FileSystemException(link.toString(), existing.toString(), "Operation not permitted");
	};

	@TempDir
	Path directory;

	@Test
	void createsAFileOnceWithHardLinks() throws IOException {
		Path file = this.directory.resolve("account.key");
		assertThat(StorageFiles.createAtomically(file, "first")).isTrue();
		assertThat(StorageFiles.createAtomically(file, "second")).isFalse();
		assertThat(Files.readString(file)).isEqualTo("first");
		assertThat(this.directory).isDirectoryContaining("glob:**/account.key").isDirectoryNotContaining("glob:**.tmp");
	}

	@Test
	void createsAFileOnceOnAFileSystemWithoutHardLinksAndSaysSoOnce(CapturedOutput output) throws IOException {
		Path file = this.directory.resolve("order.lock");
		assertThat(StorageFiles.createAtomically(file, "first", NO_HARD_LINKS)).isTrue();
		assertThat(StorageFiles.createAtomically(file, "second", NO_HARD_LINKS)).isFalse();
		Files.delete(file);
		assertThat(StorageFiles.createAtomically(file, "third", NO_HARD_LINKS)).isTrue();
		assertThat(Files.readString(file)).isEqualTo("third");
		assertThat(this.directory).isDirectoryNotContaining("glob:**.tmp");
		assertThat(output.getAll().lines().filter((line) -> line.contains(" WARN "))).singleElement()
			.asString()
			.contains("Creating a hard link in the ACME storage directory " + this.directory
					+ " failed (Operation not permitted): its files are created by a rename instead, which is not "
					+ "exclusive");
	}

	@Test
	void reportsAnotherFailureToLink() {
		Path file = this.directory.resolve("order.lock");
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> StorageFiles.createAtomically(file, "content", (link, existing) -> {
				throw new AccessDeniedException(link.toString());
			}));
		assertThat(file).doesNotExist();
		assertThat(this.directory).isEmptyDirectory();
	}

}
