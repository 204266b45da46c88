package io.github.hotcert.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.github.hotcert.testsupport.KubernetesSecretVolume;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.watch.RecordingAction.Change;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the changes that a {@link CertificateFileWatcher} takes at once because the
 * files were swapped as a whole, and for changes that are still being written, on real
 * files with the real watcher thread. An atomic change is proven by a quiet period far
 * longer than the test waits: only a change that does not wait for quiet is seen in time.
 */
class AtomicChangeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Duration NEVER = Duration.ofHours(1);

	/**
	 * A quiet period and a maximum wait beyond every timeout of the test.
	 */
	private static final WatchSettings NO_QUIET_IN_TIME = new WatchSettings(WatchMode.WATCH_POLL, NEVER, NEVER, NEVER);

	private static final WatchSettings SHORT_QUIET = new WatchSettings(WatchMode.WATCH_POLL, Duration.ofMillis(50),
			Duration.ofSeconds(5), NEVER);

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
	void kubernetesSecretSwapIsTakenAtOnce() throws Exception {
		KubernetesSecretVolume volume = new KubernetesSecretVolume(this.temp.resolve("secret"));
		volume.writeStrings(Map.of("tls.crt", "crt 0", "tls.key", "key 0"));
		RecordingAction<String> action = new RecordingAction<>(() -> read(volume.file("tls.crt")));
		start(NO_QUIET_IN_TIME, Set.of(volume.file("tls.crt"), volume.file("tls.key")), action);
		for (int i = 1; i <= 3; i++) {
			volume.writeStrings(Map.of("tls.crt", "crt " + i, "tls.key", "key " + i));
			Change<String> change = action.awaitChange();
			assertThat(change.observed()).isEqualTo("crt " + i);
			assertThat(change.atomic()).isTrue();
			assertThat(change.settling()).isFalse();
		}
		await().atMost(TIMEOUT).until(() -> this.watcher.getStatistics().atomicChanges() == 3);
	}

	@Test
	void onlyFileRenamedIntoPlaceIsTakenAtOnce() throws Exception {
		Path keyStore = write(this.temp.resolve("tls").resolve("keystore.p12"), "one");
		RecordingAction<String> action = new RecordingAction<>(() -> read(keyStore));
		start(NO_QUIET_IN_TIME, Set.of(keyStore), action);
		PemFiles.replace(keyStore, "two");
		Change<String> change = action.awaitChange();
		assertThat(change.observed()).isEqualTo("two");
		assertThat(change.atomic()).isTrue();
	}

	@Test
	void linkToTheDirectoryOfEveryFileRenamedIntoPlaceIsTakenAtOnce() throws Exception {
		write(this.temp.resolve("v1").resolve("tls.crt"), "crt 1");
		write(this.temp.resolve("v1").resolve("tls.key"), "key 1");
		Path current = Files.createSymbolicLink(this.temp.resolve("current"), Path.of("v1"));
		RecordingAction<String> action = new RecordingAction<>(() -> read(current.resolve("tls.crt")));
		start(NO_QUIET_IN_TIME, Set.of(current.resolve("tls.crt"), current.resolve("tls.key")), action);
		write(this.temp.resolve("v2").resolve("tls.crt"), "crt 2");
		write(this.temp.resolve("v2").resolve("tls.key"), "key 2");
		Path temporary = Files.createSymbolicLink(this.temp.resolve("current.tmp"), Path.of("v2"));
		Files.move(temporary, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		Change<String> change = action.awaitChange();
		assertThat(change.observed()).isEqualTo("crt 2");
		assertThat(change.atomic()).isTrue();
	}

	@Test
	void oneOfSeveralFilesRenamedIntoPlaceWaitsForQuiet() throws Exception {
		Path certificate = write(this.temp.resolve("tls").resolve("tls.crt"), "crt 1");
		Path key = write(this.temp.resolve("tls").resolve("tls.key"), "key 1");
		RecordingAction<String> action = new RecordingAction<>(() -> read(key));
		start(SHORT_QUIET, Set.of(certificate, key), action);
		PemFiles.replace(key, "key 2");
		Change<String> change = action.awaitChange();
		assertThat(change.observed()).isEqualTo("key 2");
		assertThat(change.atomic()).isFalse();
		assertThat(change.settling()).isTrue();
		await().atMost(TIMEOUT).until(() -> this.watcher.getStatistics().changes() == 1);
		assertThat(this.watcher.getStatistics().atomicChanges()).isZero();
	}

	@Test
	void fileWrittenInPlaceWaitsForQuiet() throws Exception {
		Path keyStore = write(this.temp.resolve("tls").resolve("keystore.p12"), "one");
		RecordingAction<String> action = new RecordingAction<>(() -> read(keyStore));
		start(SHORT_QUIET, Set.of(keyStore), action);
		PemFiles.overwrite(keyStore, "two");
		Change<String> change = action.awaitChange();
		assertThat(change.observed()).isEqualTo("two");
		assertThat(change.atomic()).isFalse();
	}

	@Test
	void linksFlippedOneAtATimeWaitForQuiet() throws Exception {
		Path archive = Files.createDirectories(this.temp.resolve("archive"));
		write(archive.resolve("fullchain1.pem"), "crt 1");
		write(archive.resolve("privkey1.pem"), "key 1");
		Path live = Files.createDirectories(this.temp.resolve("live"));
		Path certificate = Files.createSymbolicLink(live.resolve("fullchain.pem"),
				Path.of("../archive/fullchain1.pem"));
		Path key = Files.createSymbolicLink(live.resolve("privkey.pem"), Path.of("../archive/privkey1.pem"));
		RecordingAction<String> action = new RecordingAction<>(() -> read(certificate));
		start(SHORT_QUIET, Set.of(certificate, key), action);
		write(archive.resolve("fullchain2.pem"), "crt 2");
		write(archive.resolve("privkey2.pem"), "key 2");
		flip(key, Path.of("../archive/privkey2.pem"));
		flip(certificate, Path.of("../archive/fullchain2.pem"));
		Change<String> change = action.awaitChange();
		assertThat(change.observed()).isEqualTo("crt 2");
		assertThat(change.atomic()).isFalse();
	}

	@Test
	void incompleteMaterialIsReadAgainUntilItIsComplete() throws Exception {
		Path file = write(this.temp.resolve("tls").resolve("tls.crt"), "one");
		RecordingAction<String> action = new RecordingAction<>(() -> read(file), "complete"::equals);
		start(new WatchSettings(WatchMode.WATCH_POLL, Duration.ofMillis(50), NEVER, NEVER), Set.of(file), action);
		PemFiles.overwrite(file, "half");
		Change<String> incomplete = action.awaitChange();
		assertThat(incomplete.observed()).isEqualTo("half");
		assertThat(incomplete.settling()).isTrue();
		PemFiles.overwrite(file, "complete");
		Change<String> complete = action.awaitChange();
		assertThat(complete.observed()).isEqualTo("complete");
		assertThat(complete.settling()).isTrue();
		await().atMost(TIMEOUT).until(() -> this.watcher.getStatistics().changes() == 1);
		assertThat(action.all()).hasSize(2);
		assertThat(this.watcher.getStatistics().incompleteReads()).isEqualTo(1);
	}

	@Test
	void incompleteMaterialThatStaysIsFinalOnceTheMaximumWaitIsOver() throws Exception {
		Path file = write(this.temp.resolve("tls").resolve("tls.crt"), "one");
		RecordingAction<String> action = new RecordingAction<>(() -> read(file), (observed) -> false);
		start(new WatchSettings(WatchMode.WATCH_POLL, Duration.ofMillis(50), Duration.ofSeconds(2), NEVER),
				Set.of(file), action);
		PemFiles.overwrite(file, "half");
		Change<String> incomplete = action.awaitChange();
		assertThat(incomplete.settling()).isTrue();
		Change<String> last = action.awaitChange();
		assertThat(last.observed()).isEqualTo("half");
		assertThat(last.settling()).isFalse();
		await().atMost(TIMEOUT).until(() -> this.watcher.getStatistics().changes() == 1);
		assertThat(this.watcher.getStatistics().incompleteReads()).isEqualTo(1);
	}

	private void start(WatchSettings settings, Set<Path> files, RecordingAction<?> action) {
		this.watcher = new CertificateFileWatcher(settings);
		this.watcher.listen("test", files, action);
		this.watcher.start();
	}

	private static Path write(Path file, String content) throws IOException {
		Files.createDirectories(file.getParent());
		return Files.writeString(file, content);
	}

	private static void flip(Path link, Path target) throws IOException {
		Files.delete(link);
		Files.createSymbolicLink(link, target);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
