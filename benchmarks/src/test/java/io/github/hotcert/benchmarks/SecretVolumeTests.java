package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SecretVolumeTests {

	@TempDir
	Path directory;

	@Test
	void writesFilesBehindLinksThroughData() throws IOException {
		SecretVolume volume = new SecretVolume(this.directory);
		volume.write(Map.of("tls.crt", bytes("one")));
		assertThat(Files.isSymbolicLink(this.directory.resolve("tls.crt"))).isTrue();
		assertThat(Files.readSymbolicLink(this.directory.resolve("tls.crt"))).isEqualTo(Path.of("..data/tls.crt"));
		assertThat(Files.isSymbolicLink(this.directory.resolve("..data"))).isTrue();
		assertThat(volume.file("tls.crt")).hasContent("one");
	}

	@Test
	void swapsDataAndDeletesThePreviousDirectory() throws IOException {
		SecretVolume volume = new SecretVolume(this.directory);
		volume.write(Map.of("tls.crt", bytes("one")));
		Path first = this.directory.resolve(Files.readSymbolicLink(this.directory.resolve("..data")));
		long before = System.nanoTime();
		long swapped = volume.write(Map.of("tls.crt", bytes("two")));
		assertThat(swapped).isGreaterThanOrEqualTo(before);
		assertThat(volume.file("tls.crt")).hasContent("two");
		assertThat(first).doesNotExist();
		try (Stream<Path> entries = Files.list(this.directory)) {
			assertThat(entries.map((entry) -> entry.getFileName().toString())).hasSize(3)
				.contains("..data", "tls.crt")
				.noneMatch("..data_tmp"::equals);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
