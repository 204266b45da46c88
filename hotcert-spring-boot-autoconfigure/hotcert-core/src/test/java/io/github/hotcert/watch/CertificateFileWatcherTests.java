package io.github.hotcert.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.hotcert.testsupport.ContinuousWrites;
import io.github.hotcert.testsupport.KubernetesSecretVolume;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.watch.RecordingAction.Change;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CertificateFileWatcher}, on real files with the real watcher thread.
 */
class CertificateFileWatcherTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

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
	void reportsFileReplacedByRenameOnce() throws Exception {
		Path file = write(directory("tls").resolve("tls.crt"), "one");
		RecordingAction<String> action = new RecordingAction<>(() -> read(file));
		start(EVENTS_ONLY, file, action);
		PemFiles.replace(file, "two");
		Change<String> change = action.awaitChange();
		assertThat(change.origin()).isEqualTo(ChangeOrigin.EVENT);
		assertThat(change.observed()).isEqualTo("two");
		touchAndAwaitCheck(file);
		assertThat(action.all()).hasSize(1);
	}

	@Test
	void reportsFileOverwrittenInPlace() throws Exception {
		Path file = write(directory("tls").resolve("tls.crt"), "one");
		RecordingAction<String> action = new RecordingAction<>(() -> read(file));
		start(EVENTS_ONLY, file, action);
		Files.writeString(file, "two", StandardOpenOption.TRUNCATE_EXISTING);
		assertThat(action.awaitChange().observed()).isEqualTo("two");
	}

	@Test
	void touchingOrRewritingIdenticalContentIsOnlyAnUnchangedCheck() throws Exception {
		Path file = write(directory("tls").resolve("tls.crt"), "one");
		RecordingAction<Void> action = RecordingAction.origins();
		start(EVENTS_ONLY, file, action);
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
		await().atMost(TIMEOUT).until(() -> this.watcher.getStatistics().unchangedChecks() == 1);
		PemFiles.replace(file, "one");
		await().atMost(TIMEOUT).until(() -> this.watcher.getStatistics().unchangedChecks() == 2);
		Files.writeString(file, "one");
		await().atMost(TIMEOUT).until(() -> this.watcher.getStatistics().unchangedChecks() == 3);
		assertThat(action.all()).isEmpty();
		assertThat(this.watcher.getStatistics().changes()).isZero();
	}

	@Test
	void ignoresOtherFilesInTheSameDirectory() throws Exception {
		Path first = write(directory("first").resolve("tls.crt"), "one");
		Path second = write(directory("second").resolve("tls.crt"), "one");
		RecordingAction<Void> firstAction = RecordingAction.origins();
		RecordingAction<Void> secondAction = RecordingAction.origins();
		this.watcher = new CertificateFileWatcher(EVENTS_ONLY);
		this.watcher.watch("first", Set.of(first), firstAction);
		this.watcher.watch("second", Set.of(second), secondAction);
		this.watcher.start();
		write(first.resolveSibling("unrelated.txt"), "noise");
		PemFiles.replace(first.resolveSibling("other.crt"), "noise");
		Files.writeString(second, "two");
		secondAction.awaitChange();
		assertThat(firstAction.all()).isEmpty();
		assertThat(this.watcher.getStatistics().unchangedChecks()).isZero();
	}

	@Test
	void reportsEachKubernetesSecretSwapOnce() throws Exception {
		KubernetesSecretVolume volume = new KubernetesSecretVolume(this.temp.resolve("secret"));
		volume.writeStrings(Map.of("tls.crt", "crt 0", "tls.key", "key 0"));
		RecordingAction<String> action = new RecordingAction<>(() -> read(volume.file("tls.crt")));
		start(EVENTS_ONLY, Set.of(volume.file("tls.crt"), volume.file("tls.key")), action);
		for (int i = 1; i <= 20; i++) {
			volume.writeStrings(Map.of("tls.crt", "crt " + i, "tls.key", "key " + i));
			Change<String> change = action.awaitChange();
			assertThat(change.observed()).isEqualTo("crt " + i);
			assertThat(change.origin()).isEqualTo(ChangeOrigin.EVENT);
			assertThat(action.all()).hasSize(i);
		}
		touchAndAwaitCheck(volume.file("tls.crt"));
		assertThat(action.all()).hasSize(20);
	}

	@Test
	void reportsLinkSwappedToANewFileWhileTheOldFileStays() throws Exception {
		Path archive = directory("archive");
		write(archive.resolve("cert1.pem"), "one");
		Path live = Files.createSymbolicLink(directory("live").resolve("cert.pem"),
				Path.of("..", "archive", "cert1.pem"));
		RecordingAction<String> action = new RecordingAction<>(() -> read(live));
		start(EVENTS_ONLY, live, action);
		write(archive.resolve("cert2.pem"), "two");
		swapLink(live, Path.of("..", "archive", "cert2.pem"));
		assertThat(action.awaitChange().observed()).isEqualTo("two");
		assertThat(archive.resolve("cert1.pem")).exists();
	}

	@Test
	void reportsSwapOfLinkedParentDirectory() throws Exception {
		write(directory("v1").resolve("tls.crt"), "one");
		Path current = Files.createSymbolicLink(this.temp.resolve("current"), Path.of("v1"));
		Path file = current.resolve("tls.crt");
		RecordingAction<String> action = new RecordingAction<>(() -> read(file));
		start(EVENTS_ONLY, file, action);
		write(directory("v2").resolve("tls.crt"), "two");
		swapLink(current, Path.of("v2"));
		assertThat(action.awaitChange().observed()).isEqualTo("two");
		write(this.temp.resolve("v2").resolve("tls.crt"), "three");
		assertThat(action.awaitChange().observed()).isEqualTo("three");
	}

	@Test
	void reportsDirectoryReplacedAsAWhole() throws Exception {
		Path directory = directory("tls");
		Path file = write(directory.resolve("tls.crt"), "one");
		RecordingAction<String> action = new RecordingAction<>(() -> read(file));
		start(EVENTS_ONLY, file, action);
		Path replacement = directory("tls.new");
		write(replacement.resolve("tls.crt"), "two");
		Files.move(directory, this.temp.resolve("tls.old"), StandardCopyOption.ATOMIC_MOVE);
		Files.move(replacement, directory, StandardCopyOption.ATOMIC_MOVE);
		assertThat(action.awaitChange().observed()).isEqualTo("two");
		write(file, "three");
		assertThat(action.awaitChange().observed()).isEqualTo("three");
	}

	@Test
	void watchesDirectoryAgainAfterItWasDeletedAndCreated() throws Exception {
		Path directory = directory("tls");
		Path file = write(directory.resolve("tls.crt"), "one");
		RecordingAction<String> action = new RecordingAction<>(() -> Files.exists(file) ? read(file) : null);
		start(EVENTS_ONLY, file, action);
		Files.delete(file);
		Files.delete(directory);
		assertThat(action.awaitChange().observed()).isNull();
		Files.createDirectory(directory);
		write(file, "two");
		assertThat(action.awaitChange().observed()).isEqualTo("two");
		write(file, "three");
		assertThat(action.awaitChange().observed()).isEqualTo("three");
		assertThat(action.all()).extracting(Change::origin).containsOnly(ChangeOrigin.EVENT);
	}

	@Test
	void reportsFileThatAppearsAfterStart() throws Exception {
		Path file = this.temp.resolve("later").resolve("tls.crt");
		RecordingAction<String> action = new RecordingAction<>(() -> read(file));
		start(EVENTS_ONLY, file, action);
		write(file, "one");
		assertThat(action.awaitChange().observed()).isEqualTo("one");
	}

	@Test
	void pollingFindsChangeThatProducedNoFileEvent() throws Exception {
		Path original = write(directory("source").resolve("tls.crt"), "one");
		Path watched = directory("watched").resolve("tls.crt");
		Files.createLink(watched, original);
		RecordingAction<String> action = new RecordingAction<>(() -> read(watched));
		start(new WatchSettings(WatchMode.WATCH_POLL, Duration.ofMillis(50), Duration.ofMillis(500),
				Duration.ofMillis(200)), watched, action);
		Files.writeString(original, "two", StandardOpenOption.TRUNCATE_EXISTING);
		Change<String> change = action.awaitChange();
		assertThat(change.observed()).isEqualTo("two");
		assertThat(change.origin()).isEqualTo(ChangeOrigin.POLL);
	}

	@Test
	void pollModeFindsChangeAtTheFirstPollAfterIt() throws Exception {
		Path file = write(directory("tls").resolve("tls.crt"), "one");
		AtomicInteger pollsAtChange = new AtomicInteger();
		RecordingAction<Long> action = new RecordingAction<>(() -> this.watcher.getStatistics().polls());
		start(new WatchSettings(WatchMode.POLL, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofMillis(500)),
				file, action);
		pollsAtChange.set((int) this.watcher.getStatistics().polls());
		PemFiles.replace(file, "two");
		Change<Long> change = action.awaitChange();
		assertThat(change.origin()).isEqualTo(ChangeOrigin.POLL);
		assertThat(change.observed()).isLessThanOrEqualTo(pollsAtChange.get() + 1);
	}

	@Test
	void offModeStartsNoThread() throws Exception {
		Path file = write(directory("tls").resolve("tls.crt"), "one");
		start(EVENTS_ONLY.withMode(WatchMode.OFF), file, RecordingAction.origins());
		assertThat(this.watcher.isRunning()).isFalse();
		assertThat(watcherThreads()).isZero();
	}

	@Test
	void eventOverflowChecksEveryFile() throws Exception {
		Path blocking = write(directory("blocking").resolve("tls.crt"), "one");
		Path file = write(directory("busy").resolve("tls.crt"), "one");
		CountDownLatch blocked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		RecordingAction<String> action = new RecordingAction<>(() -> read(file));
		this.watcher = new CertificateFileWatcher(EVENTS_ONLY);
		this.watcher.watch("blocking", Set.of(blocking), (origin) -> {
			blocked.countDown();
			awaitLatch(release);
		});
		this.watcher.watch("busy", Set.of(file), action);
		this.watcher.start();
		write(blocking, "two");
		assertThat(blocked.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		try (WatchService witness = file.getFileSystem().newWatchService()) {
			WatchKey key = file.getParent().register(witness, StandardWatchEventKinds.ENTRY_CREATE);
			for (int i = 0; i < 600; i++) {
				Files.createFile(file.resolveSibling("noise-" + i));
			}
			// The JDK delivers file events to a watch key on a thread of its own: release
			// the watcher only once a watch service of the test's own has seen them all,
			// so that the watcher's key has had the time to overflow
			AtomicInteger seen = new AtomicInteger();
			await().atMost(TIMEOUT).until(() -> seenAll(key, seen, 600));
		}
		write(file, "two");
		release.countDown();
		assertThat(action.awaitChange().observed()).isEqualTo("two");
		assertThat(this.watcher.getStatistics().overflows()).isPositive();
	}

	private static boolean seenAll(WatchKey key, AtomicInteger seen, int expected) {
		for (WatchEvent<?> event : key.pollEvents()) {
			if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
				return true;
			}
			seen.addAndGet(event.count());
		}
		return seen.get() >= expected;
	}

	@Test
	void fileWrittenInTwoHalvesIsReportedOnlyWhenComplete() throws Exception {
		for (WatchMode mode : new WatchMode[] { WatchMode.POLL, WatchMode.WATCH_POLL }) {
			Path file = write(directory(mode.name()).resolve("tls.crt"), "old content");
			RecordingAction<String> action = new RecordingAction<>(() -> read(file));
			start(new WatchSettings(mode, Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofMillis(50)), file,
					action);
			Files.writeString(file, "first half, ", StandardOpenOption.TRUNCATE_EXISTING);
			awaitPollAfterNow();
			Files.writeString(file, "second half", StandardOpenOption.APPEND);
			assertThat(action.awaitChange().observed()).as(mode.name()).isEqualTo("first half, second half");
			this.watcher.stop();
			assertThat(action.all()).as(mode.name()).hasSize(1);
		}
	}

	@Test
	void continuousWritesCannotPostponeAChangeBeyondTheMaximumWait() throws Exception {
		Path directory = directory("tls");
		Path certificate = write(directory.resolve("tls.crt"), "one");
		Path trusted = write(directory.resolve("ca.crt"), "authority");
		RecordingAction<String> action = new RecordingAction<>(() -> read(certificate));
		start(new WatchSettings(WatchMode.WATCH_POLL, Duration.ofMillis(300), Duration.ofSeconds(1), NEVER),
				Set.of(certificate, trusted), action);
		try (ContinuousWrites writes = ContinuousWrites.start(Duration.ofMillis(50), TIMEOUT,
				(write) -> PemFiles.replace(trusted, "authority"))) {
			long start = System.nanoTime();
			write(certificate, "two");
			Change<String> change = action.awaitChange();
			assertThat(writes.isWriting()).as("still writing when the change was reported").isTrue();
			assertThat(change.observed()).isEqualTo("two");
			System.out.printf("Change reported after %d ms of continuous writes (quiet 300 ms + max wait 1000 ms)%n",
					TimeUnit.NANOSECONDS.toMillis(change.nanoTime() - start));
		}
	}

	@Test
	void rewatchMovesARegistrationToOtherFilesWhileTheWatcherRuns() throws Exception {
		Path old = write(directory("old").resolve("tls.crt"), "one");
		Path other = write(directory("other").resolve("tls.crt"), "two");
		Path moved = write(directory("new").resolve("tls.crt"), "new");
		RecordingAction<String> action = new RecordingAction<>(() -> "test");
		RecordingAction<String> otherAction = new RecordingAction<>(() -> "other");
		this.watcher = new CertificateFileWatcher(EVENTS_ONLY);
		this.watcher.watch("test", Set.of(old), action);
		this.watcher.watch("other", Set.of(other), otherAction);
		this.watcher.start();
		this.watcher.rewatch("test", Set.of(moved), action);
		assertThat(watcherThreads()).as("the previous thread ended").isEqualTo(1);
		PemFiles.replace(old, "ignored");
		PemFiles.replace(moved, "changed");
		assertThat(action.awaitChange().origin()).isEqualTo(ChangeOrigin.EVENT);
		PemFiles.replace(other, "changed");
		assertThat(otherAction.awaitChange().origin()).as("other registrations are still watched")
			.isEqualTo(ChangeOrigin.EVENT);
		touchAndAwaitCheck(moved);
		assertThat(action.all())
			.as("the old file is no longer watched, the content of the new one when it was "
					+ "registered is its baseline")
			.hasSize(1);
	}

	@Test
	void rewatchStartsTheWatcherForTheFirstFilesOnceItWasStartedWithoutAny() throws Exception {
		Path file = write(directory("tls").resolve("tls.crt"), "one");
		RecordingAction<Void> action = RecordingAction.origins();
		this.watcher = new CertificateFileWatcher(EVENTS_ONLY);
		this.watcher.start();
		assertThat(this.watcher.isRunning()).isFalse();
		this.watcher.rewatch("test", Set.of(file), action);
		assertThat(this.watcher.isRunning()).isTrue();
		PemFiles.replace(file, "two");
		assertThat(action.awaitChange().origin()).isEqualTo(ChangeOrigin.EVENT);
	}

	@Test
	void stopEndsTheWatcherThread() throws Exception {
		Path file = write(directory("tls").resolve("tls.crt"), "one");
		start(EVENTS_ONLY, file, RecordingAction.origins());
		assertThat(this.watcher.isRunning()).isTrue();
		assertThat(watcherThreads()).isEqualTo(1);
		this.watcher.stop();
		assertThat(this.watcher.isRunning()).isFalse();
		assertThat(watcherThreads()).isZero();
	}

	private void start(WatchSettings settings, Path file, RecordingAction<?> action) {
		start(settings, Set.of(file), action);
	}

	private void start(WatchSettings settings, Set<Path> files, RecordingAction<?> action) {
		this.watcher = new CertificateFileWatcher(settings);
		this.watcher.watch("test", files, action);
		this.watcher.start();
	}

	/**
	 * Wait until a round of polling started after now has compared every file.
	 */
	private void awaitPollAfterNow() {
		long polls = this.watcher.getStatistics().polls();
		await().atMost(TIMEOUT).until(() -> this.watcher.getStatistics().polls() >= polls + 2);
	}

	/**
	 * Touch a watched file and wait for the unchanged check that follows: everything
	 * before the touch was processed by then.
	 */
	private void touchAndAwaitCheck(Path file) throws IOException {
		long checks = this.watcher.getStatistics().unchangedChecks();
		Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
		await().atMost(TIMEOUT).until(() -> this.watcher.getStatistics().unchangedChecks() > checks);
	}

	private static long watcherThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> CertificateFileWatcher.THREAD_NAME.equals(thread.getName()))
			.count();
	}

	private Path directory(String name) throws IOException {
		return Files.createDirectories(this.temp.resolve(name));
	}

	private static Path write(Path file, String content) throws IOException {
		Files.createDirectories(file.getParent());
		return Files.writeString(file, content);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void swapLink(Path link, Path target) throws IOException {
		Path temporary = link.resolveSibling(link.getFileName() + ".tmp");
		Files.createSymbolicLink(temporary, target);
		Files.move(temporary, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
