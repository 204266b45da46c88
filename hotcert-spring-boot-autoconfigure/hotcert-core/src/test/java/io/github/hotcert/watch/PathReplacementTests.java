package io.github.hotcert.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.github.hotcert.testsupport.KubernetesSecretVolume;
import io.github.hotcert.watch.RecordingAction.Change;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A directory on the path of a watched file replaced at every level, by file events alone
 * (polling waits an hour): removed and created again, replaced by a symbolic link, and a
 * mounted Secret-style directory replaced by a link to another one.
 */
class PathReplacementTests {

	private static final Duration NEVER = Duration.ofHours(1);

	private static final WatchSettings EVENTS_ONLY = new WatchSettings(WatchMode.WATCH_POLL, Duration.ofMillis(50),
			Duration.ofMillis(500), NEVER);

	@TempDir
	Path temp;

	private CertificateFileWatcher watcher;

	@AfterEach
	void stop() {
		if (this.watcher != null) {
			this.watcher.stop();
		}
	}

	@Test
	void noticesADirectoryRemovedAndCreatedAgainAtEveryLevel() throws Exception {
		Path file = WatcherFaultTests.write(this.temp.resolve("a").resolve("b").resolve("c").resolve("tls.crt"), "one");
		RecordingAction<String> action = start(file);
		int version = 0;
		for (Path level : levels(file)) {
			delete(level);
			assertThat(awaitObserved(action, null).origin()).as("removed %s", level).isEqualTo(ChangeOrigin.EVENT);
			String content = "created again " + (++version);
			WatcherFaultTests.write(file, content);
			assertThat(awaitObserved(action, content).origin()).as("created %s", level).isEqualTo(ChangeOrigin.EVENT);
		}
		WatcherFaultTests.write(file, "written in place");
		assertThat(awaitObserved(action, "written in place").origin()).isEqualTo(ChangeOrigin.EVENT);
	}

	@Test
	void noticesADirectoryReplacedByASymbolicLinkAtEveryLevel() throws Exception {
		Path file = WatcherFaultTests.write(this.temp.resolve("a").resolve("b").resolve("c").resolve("tls.crt"), "one");
		RecordingAction<String> action = start(file);
		int version = 0;
		for (Path level : levels(file)) {
			String content = "linked " + (++version);
			Path copy = this.temp.resolve("copy-" + version);
			WatcherFaultTests.write(copy.resolve(level.relativize(file)), content);
			Files.move(level, level.resolveSibling(level.getFileName() + ".old"));
			Files.createSymbolicLink(level, copy);
			assertThat(awaitObserved(action, content).origin()).as("linked %s", level).isEqualTo(ChangeOrigin.EVENT);
		}
		WatcherFaultTests.write(file, "written through the links");
		assertThat(awaitObserved(action, "written through the links").origin()).isEqualTo(ChangeOrigin.EVENT);
	}

	@Test
	void noticesAMountedSecretDirectoryReplacedByALinkToAnotherSecretDirectory() throws Exception {
		Path mount = Files.createDirectory(this.temp.resolve("mnt"));
		KubernetesSecretVolume mounted = new KubernetesSecretVolume(mount.resolve("tls"));
		mounted.writeStrings(Map.of("tls.crt", "mounted"));
		KubernetesSecretVolume other = new KubernetesSecretVolume(this.temp.resolve("other"));
		other.writeStrings(Map.of("tls.crt", "other 1"));
		RecordingAction<String> action = start(mounted.file("tls.crt"));
		Files.move(mounted.directory(), mount.resolve("tls.old"));
		Files.createSymbolicLink(mounted.directory(), other.directory());
		assertThat(awaitObserved(action, "other 1").origin()).isEqualTo(ChangeOrigin.EVENT);
		other.writeStrings(Map.of("tls.crt", "other 2"));
		assertThat(awaitObserved(action, "other 2").origin()).isEqualTo(ChangeOrigin.EVENT);
	}

	@Test
	void noticesALinkedMountSwappedToAnotherSecretDirectory() throws Exception {
		KubernetesSecretVolume first = new KubernetesSecretVolume(this.temp.resolve("first"));
		first.writeStrings(Map.of("tls.crt", "first"));
		KubernetesSecretVolume second = new KubernetesSecretVolume(this.temp.resolve("second"));
		second.writeStrings(Map.of("tls.crt", "second"));
		Path mount = Files.createDirectory(this.temp.resolve("mnt"));
		Files.createSymbolicLink(mount.resolve("tls"), first.directory());
		RecordingAction<String> action = start(mount.resolve("tls").resolve("tls.crt"));
		Path temporary = Files.createSymbolicLink(mount.resolve("tls.tmp"), second.directory());
		Files.move(temporary, mount.resolve("tls"), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
		assertThat(awaitObserved(action, "second").origin()).isEqualTo(ChangeOrigin.EVENT);
		first.writeStrings(Map.of("tls.crt", "first again"));
		second.writeStrings(Map.of("tls.crt", "second again"));
		assertThat(awaitObserved(action, "second again").observed()).isEqualTo("second again");
	}

	private RecordingAction<String> start(Path file) {
		RecordingAction<String> action = new RecordingAction<>(
				() -> Files.isRegularFile(file) ? WatcherFaultTests.read(file) : null);
		this.watcher = new CertificateFileWatcher(EVENTS_ONLY);
		this.watcher.watch("test", Set.of(file), action);
		this.watcher.start();
		return action;
	}

	/**
	 * Wait for the change that shows the given content: a replacement in two steps may
	 * show the missing file first.
	 */
	private static Change<String> awaitObserved(RecordingAction<String> action, String content)
			throws InterruptedException {
		Change<String> change = action.awaitChange();
		while (!Objects.equals(change.observed(), content)) {
			assertThat(change.observed()).as("an intermediate change shows only a missing file").isNull();
			change = action.awaitChange();
		}
		return change;
	}

	/**
	 * The directories of a file under the temporary directory, outermost first.
	 */
	private List<Path> levels(Path file) {
		return Stream.iterate(file.getParent(), (path) -> !path.equals(this.temp), Path::getParent)
			.sorted(Comparator.comparingInt(Path::getNameCount))
			.toList();
	}

	private static void delete(Path path) throws IOException {
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(each);
			}
		}
	}

}
