package io.github.hotcert.watch;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.github.hotcert.testsupport.SpecialFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ContentSnapshot}.
 */
class ContentSnapshotTests {

	private static final FileContentReader READER = FileContentReader.regularFiles(1024);

	@TempDir
	Path temp;

	@Test
	void touchingAndRewritingIdenticalBytesDoNotChangeTheSnapshot() throws Exception {
		Path file = Files.writeString(this.temp.resolve("tls.crt"), "certificate");
		ContentSnapshot before = read(Set.of(file));
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
		Files.writeString(file, "certificate");
		assertThat(read(Set.of(file))).isEqualTo(before);
	}

	@Test
	void newContentChangesTheSnapshot() throws Exception {
		Path file = Files.writeString(this.temp.resolve("tls.crt"), "certificate");
		Path other = Files.writeString(this.temp.resolve("tls.key"), "key");
		ContentSnapshot before = read(List.of(file, other));
		Files.writeString(file, "new certificate");
		ContentSnapshot after = read(List.of(file, other));
		assertThat(after).isNotEqualTo(before);
		assertThat(after.differences(before)).containsExactly(file);
	}

	@Test
	void missingFileIsMarkedAndItsReturnIsAChange() throws Exception {
		Path file = this.temp.resolve("tls.crt");
		ContentSnapshot missing = read(Set.of(file));
		assertThat(missing.missing()).containsExactly(file);
		Files.writeString(file, "certificate");
		ContentSnapshot back = read(Set.of(file));
		assertThat(back.missing()).isEmpty();
		assertThat(back).isNotEqualTo(missing);
	}

	@Test
	void namedPipeIsMarkedWithoutBeingOpened() throws Exception {
		Path pipe = SpecialFiles.namedPipe(this.temp.resolve("tls.key"));
		assertThat(read(Set.of(pipe)).digests()).containsEntry(pipe,
				"unreadable (the path is a named pipe (FIFO), not a regular file)");
	}

	@Test
	void linkToADeviceIsMarkedWithoutReadingTheDevice() throws Exception {
		Path link = Files.createSymbolicLink(this.temp.resolve("tls.crt"), SpecialFiles.ZERO);
		assertThat(read(Set.of(link)).digests()).containsEntry(link,
				"unreadable (the path is a character device, not a regular file)");
	}

	@Test
	void fileAboveTheLimitIsMarkedWithoutBeingReadWhole() throws Exception {
		Path file = this.temp.resolve("huge.crt");
		try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
			sparse.setLength(8L * 1024 * 1024 * 1024);
		}
		assertThat(read(Set.of(file)).digests().get(file)).startsWith("unreadable (the file is 8589934592 bytes");
	}

	@Test
	void contentThatChangesFromReadableToUnreadableIsAChange() throws Exception {
		Path file = Files.writeString(this.temp.resolve("tls.key"), "key");
		ContentSnapshot readable = read(Set.of(file));
		Files.delete(file);
		SpecialFiles.namedPipe(file);
		assertThat(read(Set.of(file)).differences(readable)).containsExactly(file);
	}

	private static ContentSnapshot read(Collection<Path> files) {
		return ContentSnapshot.read(files, READER);
	}

}
