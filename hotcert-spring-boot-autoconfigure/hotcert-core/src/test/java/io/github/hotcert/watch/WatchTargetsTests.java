package io.github.hotcert.watch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.hotcert.testsupport.KubernetesSecretVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WatchTargets}.
 */
class WatchTargetsTests {

	@TempDir
	Path temp;

	@Test
	void watchesFileInItsDirectoryAndTheDirectoryInItsParent() throws Exception {
		Path directory = Files.createDirectory(this.temp.resolve("tls"));
		Path file = Files.writeString(directory.resolve("tls.crt"), "x");
		assertThat(WatchTargets.of(file)).containsExactlyInAnyOrder(entry(directory, "tls.crt"),
				entry(this.temp, "tls"));
	}

	@Test
	void watchesEveryLinkOfKubernetesSecretVolume() {
		KubernetesSecretVolume volume = new KubernetesSecretVolume(this.temp.resolve("secret"));
		volume.writeStrings(Map.of("tls.crt", "x"));
		Path versioned = versionedDirectory(volume);
		assertThat(WatchTargets.of(volume.file("tls.crt"))).containsExactlyInAnyOrder(
				entry(volume.directory(), "tls.crt"), entry(volume.directory(), "..data"), entry(versioned, "tls.crt"),
				entry(volume.directory(), versioned.getFileName().toString()));
	}

	@Test
	void followsLinkInParentDirectory() throws Exception {
		Path v1 = Files.createDirectory(this.temp.resolve("v1"));
		Files.writeString(v1.resolve("tls.crt"), "x");
		Files.createSymbolicLink(this.temp.resolve("current"), Path.of("v1"));
		assertThat(WatchTargets.of(this.temp.resolve("current").resolve("tls.crt")))
			.containsExactlyInAnyOrder(entry(this.temp, "current"), entry(v1, "tls.crt"), entry(this.temp, "v1"));
	}

	@Test
	void followsRelativeLinkThatLeavesItsDirectory() throws Exception {
		Path real = Files.createDirectories(this.temp.resolve("real"));
		Files.writeString(real.resolve("tls.crt"), "x");
		Path links = Files.createDirectory(this.temp.resolve("links"));
		Files.createSymbolicLink(links.resolve("tls.crt"), Path.of("..", "real", "tls.crt"));
		assertThat(WatchTargets.of(links.resolve("tls.crt"))).containsExactlyInAnyOrder(entry(links, "tls.crt"),
				entry(real, "tls.crt"), entry(this.temp, "real"));
	}

	@Test
	void watchesLastExistingDirectoryForMissingPath() {
		Path missing = this.temp.resolve("missing").resolve("deeper").resolve("tls.crt");
		assertThat(WatchTargets.of(missing)).containsExactly(entry(this.temp, "missing"));
	}

	@Test
	void watchesDirectoryForMissingFile() {
		assertThat(WatchTargets.of(this.temp.resolve("tls.crt"))).contains(entry(this.temp, "tls.crt"));
	}

	@Test
	void stopsFollowingLinkLoop() throws Exception {
		Files.createSymbolicLink(this.temp.resolve("a"), Path.of("b"));
		Files.createSymbolicLink(this.temp.resolve("b"), Path.of("a"));
		assertThat(WatchTargets.of(this.temp.resolve("a"))).containsExactlyInAnyOrder(entry(this.temp, "a"),
				entry(this.temp, "b"));
	}

	private static Path versionedDirectory(KubernetesSecretVolume volume) {
		try {
			return volume.directory().resolve(Files.readSymbolicLink(volume.file("..data")));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static DirectoryEntry entry(Path directory, String name) {
		return new DirectoryEntry(directory, Path.of(name));
	}

}
