package io.github.hotcert.watch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ContentSnapshot}.
 */
class ContentSnapshotTests {

	@TempDir
	Path temp;

	@Test
	void touchingAndRewritingIdenticalBytesDoNotChangeTheSnapshot() throws Exception {
		Path file = Files.writeString(this.temp.resolve("tls.crt"), "certificate");
		ContentSnapshot before = ContentSnapshot.read(Set.of(file));
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
		Files.writeString(file, "certificate");
		assertThat(ContentSnapshot.read(Set.of(file))).isEqualTo(before);
	}

	@Test
	void newContentChangesTheSnapshot() throws Exception {
		Path file = Files.writeString(this.temp.resolve("tls.crt"), "certificate");
		Path other = Files.writeString(this.temp.resolve("tls.key"), "key");
		ContentSnapshot before = ContentSnapshot.read(List.of(file, other));
		Files.writeString(file, "new certificate");
		ContentSnapshot after = ContentSnapshot.read(List.of(file, other));
		assertThat(after).isNotEqualTo(before);
		assertThat(after.differences(before)).containsExactly(file);
	}

	@Test
	void missingFileIsMarkedAndItsReturnIsAChange() throws Exception {
		Path file = this.temp.resolve("tls.crt");
		ContentSnapshot missing = ContentSnapshot.read(Set.of(file));
		assertThat(missing.missing()).containsExactly(file);
		Files.writeString(file, "certificate");
		ContentSnapshot back = ContentSnapshot.read(Set.of(file));
		assertThat(back.missing()).isEmpty();
		assertThat(back).isNotEqualTo(missing);
	}

}
