package io.github.hotcert.watch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
	void watchesFileInItsDirectoryAndEveryDirectoryInItsParentUpToTheRoot() throws Exception {
		Path directory = Files.createDirectory(this.temp.resolve("tls"));
		Path file = Files.writeString(directory.resolve("tls.crt"), "x");
		assertThat(WatchTargets.of(file)).containsExactlyInAnyOrderElementsOf(
				with(pathTo(this.temp), entry(directory, "tls.crt"), entry(this.temp, "tls")));
		assertThat(WatchTargets.of(file)).contains(entry(this.temp.getRoot(), this.temp.getName(0).toString()));
	}

	@Test
	void watchesEveryLinkOfKubernetesSecretVolume() {
		KubernetesSecretVolume volume = new KubernetesSecretVolume(this.temp.resolve("secret"));
		volume.writeStrings(Map.of("tls.crt", "x"));
		Path versioned = versionedDirectory(volume);
		assertThat(WatchTargets.of(volume.file("tls.crt"))).containsExactlyInAnyOrderElementsOf(with(
				pathTo(volume.directory()), entry(volume.directory(), "tls.crt"), entry(volume.directory(), "..data"),
				entry(versioned, "tls.crt"), entry(volume.directory(), versioned.getFileName().toString())));
	}

	@Test
	void followsLinkInParentDirectory() throws Exception {
		Path v1 = Files.createDirectory(this.temp.resolve("v1"));
		Files.writeString(v1.resolve("tls.crt"), "x");
		Files.createSymbolicLink(this.temp.resolve("current"), Path.of("v1"));
		assertThat(WatchTargets.of(this.temp.resolve("current").resolve("tls.crt")))
			.containsExactlyInAnyOrderElementsOf(
					with(pathTo(this.temp), entry(this.temp, "current"), entry(v1, "tls.crt"), entry(this.temp, "v1")));
	}

	@Test
	void followsRelativeLinkThatLeavesItsDirectory() throws Exception {
		Path real = Files.createDirectories(this.temp.resolve("real"));
		Files.writeString(real.resolve("tls.crt"), "x");
		Path links = Files.createDirectory(this.temp.resolve("links"));
		Files.createSymbolicLink(links.resolve("tls.crt"), Path.of("..", "real", "tls.crt"));
		assertThat(WatchTargets.of(links.resolve("tls.crt")))
			.containsExactlyInAnyOrderElementsOf(with(pathTo(this.temp), entry(this.temp, "links"),
					entry(links, "tls.crt"), entry(real, "tls.crt"), entry(this.temp, "real")));
	}

	@Test
	void watchesLastExistingDirectoryForMissingPath() {
		Path missing = this.temp.resolve("missing").resolve("deeper").resolve("tls.crt");
		assertThat(WatchTargets.of(missing))
			.containsExactlyInAnyOrderElementsOf(with(pathTo(this.temp), entry(this.temp, "missing")));
	}

	@Test
	void watchesDirectoryForMissingFile() {
		assertThat(WatchTargets.of(this.temp.resolve("tls.crt"))).contains(entry(this.temp, "tls.crt"));
	}

	@Test
	void stopsFollowingLinkLoop() throws Exception {
		Files.createSymbolicLink(this.temp.resolve("a"), Path.of("b"));
		Files.createSymbolicLink(this.temp.resolve("b"), Path.of("a"));
		assertThat(WatchTargets.of(this.temp.resolve("a")))
			.containsExactlyInAnyOrderElementsOf(with(pathTo(this.temp), entry(this.temp, "a"), entry(this.temp, "b")));
	}

	private static Path versionedDirectory(KubernetesSecretVolume volume) {
		try {
			return volume.directory().resolve(Files.readSymbolicLink(volume.file("..data")));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void watchesEveryDirectoryOnTheWayToTheTargetOfALink() throws Exception {
		Path target = Files.createDirectories(this.temp.resolve("other").resolve("secret"));
		Files.writeString(target.resolve("tls.crt"), "x");
		Path mount = Files.createDirectory(this.temp.resolve("mnt"));
		Files.createSymbolicLink(mount.resolve("tls"), target);
		assertThat(WatchTargets.of(mount.resolve("tls").resolve("tls.crt")))
			.containsExactlyInAnyOrderElementsOf(with(pathTo(this.temp), entry(this.temp, "mnt"), entry(mount, "tls"),
					entry(this.temp, "other"), entry(target.getParent(), "secret"), entry(target, "tls.crt")));
	}

	/**
	 * The entries of every directory from the root to the given one, each in its parent.
	 */
	private static Set<DirectoryEntry> pathTo(Path directory) {
		Set<DirectoryEntry> entries = new LinkedHashSet<>();
		for (Path path = directory.toAbsolutePath(); path.getParent() != null; path = path.getParent()) {
			entries.add(new DirectoryEntry(path.getParent(), path.getFileName()));
		}
		return entries;
	}

	private static Set<DirectoryEntry> with(Set<DirectoryEntry> entries, DirectoryEntry... more) {
		Set<DirectoryEntry> all = new LinkedHashSet<>(entries);
		all.addAll(List.of(more));
		return all;
	}

	private static DirectoryEntry entry(Path directory, String name) {
		return new DirectoryEntry(directory, Path.of(name));
	}

}
