package io.github.hotcert.watch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.hotcert.watch.RecordingAction.Change;
import io.github.hotcert.watch.WatcherStatus.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults of the watcher, made on purpose: a read that never returns, a thread that dies,
 * a watch service that stops working or cannot be opened. Each is noticed and reported
 * once, and a change made afterwards is still applied.
 */
@ExtendWith(OutputCaptureExtension.class)
class WatcherFaultTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Duration NEVER = Duration.ofHours(1);

	private static final Duration STALL_TIMEOUT = Duration.ofMillis(300);

	private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

	@TempDir
	Path temp;

	private final FaultyReader reader = new FaultyReader();

	private CertificateFileWatcher watcher;

	@AfterEach
	void stop() {
		this.reader.release();
		if (this.watcher != null) {
			this.watcher.stop();
		}
		await().atMost(TIMEOUT).until(() -> watcherThreads() == 0);
	}

	@Test
	void replacesAThreadStuckInAReadAndAppliesTheChange(CapturedOutput output) throws Exception {
		Path file = write(this.temp.resolve("tls").resolve("tls.crt"), "one");
		RecordingAction<String> action = new RecordingAction<>(() -> read(file));
		start(stalling(NEVER), file, action, FileSystems.getDefault()::newWatchService);
		this.reader.stickReads(1);
		write(file, "two");
		Change<String> change = action.awaitChange();
		assertThat(change.observed()).isEqualTo("two");
		assertThat(this.reader.stuck()).as("the first thread is still stuck").isOne();
		WatcherStatus status = this.watcher.getStatus();
		assertThat(status.state()).isEqualTo(State.WATCHING);
		assertThat(status.restarts()).isOne();
		assertThat(status.since()).isEqualTo(NOW);
		assertThat(status.problem()).isEqualTo("The hotcert-watcher thread made no progress for more than 300ms "
				+ "while reading the files of 'test' [" + file + "]");
		assertThat(errors(output, "replaced it with a new watcher thread")).isOne();
		write(file, "three");
		assertThat(action.awaitChange().observed()).isEqualTo("three");
		this.reader.release();
		await().atMost(TIMEOUT).until(() -> watcherThreads() == 1);
		touchAndAwaitCheck(file);
		assertThat(action.all()).as("the stuck thread ended without acting").hasSize(2);
	}

	@Test
	void replacesAThreadThatDiedAndAppliesTheChange(CapturedOutput output) throws Exception {
		Path file = write(this.temp.resolve("tls").resolve("tls.crt"), "one");
		RecordingAction<String> action = new RecordingAction<>(() -> read(file));
		start(settings(NEVER), file, action, FileSystems.getDefault()::newWatchService);
		this.reader.failNextRead(new InjectedError());
		write(file, "two");
		assertThat(action.awaitChange().observed()).isEqualTo("two");
		WatcherStatus status = this.watcher.getStatus();
		assertThat(status.problem()).isEqualTo("The hotcert-watcher thread ended unexpectedly");
		assertThat(status.restarts()).isOne();
		assertThat(status.state()).isEqualTo(State.WATCHING);
		assertThat(errors(output, "ended unexpectedly: replaced it with a new watcher thread")).isOne();
		assertThat(output).contains(InjectedError.class.getName());
		assertThat(watcherThreads()).isOne();
	}

	@Test
	void replacesAThreadKilledWhileActingAndActsOnTheChangeAgainEachTime() throws Exception {
		Path file = write(this.temp.resolve("tls").resolve("tls.crt"), "one");
		AtomicInteger kills = new AtomicInteger(1);
		RecordingAction<String> action = new RecordingAction<>(() -> {
			if (kills.getAndDecrement() > 0) {
				throw new InjectedError();
			}
			return read(file);
		});
		start(settings(NEVER), file, action, FileSystems.getDefault()::newWatchService);
		write(file, "two");
		assertThat(action.awaitChange().observed()).as("the change the killed thread was acting on").isEqualTo("two");
		assertThat(this.watcher.getStatus().restarts()).isOne();
		write(file, "three");
		assertThat(action.awaitChange().observed()).isEqualTo("three");
		assertThat(action.all()).hasSize(2);
		kills.set(1);
		write(file, "two");
		assertThat(action.awaitChange().observed()).as("the same content, killing a thread again").isEqualTo("two");
		assertThat(this.watcher.getStatus().restarts()).isEqualTo(2);
		assertThat(this.watcher.isRunning()).isTrue();
	}

	@Test
	void actsOnlyOnceMoreOnAChangeWhoseActionKillsEveryThread() throws Exception {
		Path file = write(this.temp.resolve("tls").resolve("tls.crt"), "one");
		AtomicInteger kills = new AtomicInteger();
		RecordingAction<String> action = new RecordingAction<>(() -> {
			String content = read(file);
			if (content.equals("two")) {
				kills.incrementAndGet();
				throw new InjectedError();
			}
			return content;
		});
		start(settings(NEVER), file, action, FileSystems.getDefault()::newWatchService);
		write(file, "two");
		await().atMost(TIMEOUT).until(() -> this.watcher.getStatus().restarts() == 2);
		touchAndAwaitCheck(file);
		assertThat(kills).hasValue(2);
		assertThat(this.watcher.getStatus().restarts()).isEqualTo(2);
		write(file, "three");
		assertThat(action.awaitChange().observed()).isEqualTo("three");
		assertThat(this.watcher.isRunning()).isTrue();
	}

	@Test
	void actsOnWhatTheFilesHoldAfterAnActionThatTookTheChangeKilledItsThread() throws Exception {
		Path file = write(this.temp.resolve("tls").resolve("tls.crt"), "one");
		AtomicInteger kills = new AtomicInteger(1);
		List<String> taken = new CopyOnWriteArrayList<>();
		RecordingAction<String> action = new RecordingAction<>(() -> {
			String content = read(file);
			taken.add(content);
			if (kills.getAndDecrement() > 0) {
				// The change was taken, then the files went back before an error ended
				// the thread
				rewrite(file, "one");
				throw new InjectedError();
			}
			return content;
		});
		start(settings(NEVER), file, action, FileSystems.getDefault()::newWatchService);
		write(file, "two");
		assertThat(action.awaitChange().observed()).isEqualTo("one");
		assertThat(taken).containsExactly("two", "one");
	}

	@Test
	void actsAgainOnAChangeWhoseActionKilledAThreadThatOtherFilesOfAnotherRegistrationReplaced(CapturedOutput output)
			throws Exception {
		Path file = write(this.temp.resolve("tls").resolve("tls.crt"), "one");
		Path other = write(this.temp.resolve("other").resolve("tls.crt"), "a");
		Path moved = write(this.temp.resolve("moved").resolve("tls.crt"), "b");
		CountDownLatch acting = new CountDownLatch(1);
		CountDownLatch replaced = new CountDownLatch(1);
		AtomicInteger kills = new AtomicInteger(1);
		RecordingAction<String> action = new RecordingAction<>(() -> {
			if (kills.getAndDecrement() > 0) {
				acting.countDown();
				awaitLatch(replaced);
				throw new InjectedError();
			}
			return read(file);
		});
		RecordingAction<String> otherAction = new RecordingAction<>(() -> read(moved));
		this.watcher = new CertificateFileWatcher(settings(NEVER), Clock.fixed(NOW, ZoneOffset.UTC),
				FileSystems.getDefault()::newWatchService, this.reader);
		this.watcher.watch("test", Set.of(file), action);
		this.watcher.watch("other", Set.of(other), otherAction);
		this.watcher.start();
		write(file, "two");
		assertThat(acting.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		CompletableFuture<Void> relistened = CompletableFuture
			.runAsync(() -> this.watcher.relisten("other", Set.of(moved), otherAction));
		await().atMost(TIMEOUT).until(() -> watcherThreads() == 2);
		replaced.countDown();
		assertThat(relistened).succeedsWithin(TIMEOUT);
		assertThat(action.awaitChange().observed()).as("the change the killed thread was acting on").isEqualTo("two");
		assertThat(this.watcher.getStatus().restarts()).isOne();
		assertThat(this.watcher.getStatus().problem()).isEqualTo("The hotcert-watcher thread ended unexpectedly");
		assertThat(errors(output, "ended unexpectedly after a configuration change had replaced it (restart 1): "
				+ "the new watcher thread starts from what it left"))
			.isOne();
		assertThat(output).contains(InjectedError.class.getName());
		write(moved, "c");
		assertThat(otherAction.awaitChange().observed()).isEqualTo("c");
		assertThat(otherAction.all()).hasSize(1);
	}

	@Test
	void stopsReplacingWhenTooManyThreadsAreStuckAndRecoversWhenTheyReturn(CapturedOutput output) throws Exception {
		Path file = write(this.temp.resolve("tls").resolve("tls.crt"), "one");
		RecordingAction<String> action = new RecordingAction<>(() -> read(file));
		start(stalling(NEVER), file, action, FileSystems.getDefault()::newWatchService);
		this.reader.stickReads(Integer.MAX_VALUE);
		write(file, "two");
		await().atMost(TIMEOUT).until(() -> this.watcher.getStatus().state() == State.FAILED);
		assertThat(this.watcher.getStatus().isImpaired()).isTrue();
		assertThat(this.watcher.getStatus().restarts()).isEqualTo(WatcherSupervisor.MAX_ABANDONED);
		assertThat(this.reader.stuck()).isEqualTo(WatcherSupervisor.MAX_ABANDONED + 1);
		// The status changes just before the error is logged
		await().atMost(TIMEOUT).until(() -> errors(output, "and was not replaced") == 1);
		this.reader.release();
		assertThat(action.awaitChange().observed()).isEqualTo("two");
		await().atMost(TIMEOUT).until(() -> this.watcher.getStatus().state() == State.WATCHING);
		await().atMost(TIMEOUT).until(() -> watcherThreads() == 1);
	}

	@Test
	void stopsWhileTheNewFilesOfARegistrationCannotBeRead() throws Exception {
		Path file = write(this.temp.resolve("tls").resolve("tls.crt"), "one");
		Path moved = write(this.temp.resolve("moved").resolve("tls.crt"), "two");
		RecordingAction<String> action = new RecordingAction<>(() -> read(moved));
		start(settings(NEVER), file, action, FileSystems.getDefault()::newWatchService);
		this.reader.stickReads(1);
		CompletableFuture<Void> relistened = CompletableFuture
			.runAsync(() -> this.watcher.relisten("test", Set.of(moved), action));
		await().atMost(TIMEOUT).until(() -> this.reader.stuck() == 1);
		CompletableFuture<Void> stopped = CompletableFuture.runAsync(this.watcher::stop);
		assertThat(stopped).as("stopped while the new files are read").succeedsWithin(TIMEOUT);
		this.reader.release();
		assertThat(relistened).succeedsWithin(TIMEOUT);
		assertThat(this.watcher.isRunning()).isFalse();
		assertThat(action.all()).isEmpty();
	}

	@Test
	void opensANewWatchServiceWhenFileEventsStopWorking(CapturedOutput output) throws Exception {
		Path file = write(this.temp.resolve("tls").resolve("tls.crt"), "one");
		RecordingAction<String> action = new RecordingAction<>(() -> read(file));
		List<WatchService> opened = new CopyOnWriteArrayList<>();
		start(settings(NEVER), file, action, () -> {
			WatchService watchService = FileSystems.getDefault().newWatchService();
			opened.add(watchService);
			return watchService;
		});
		opened.get(0).close();
		await().atMost(TIMEOUT).until(() -> opened.size() == 2);
		write(file, "two");
		Change<String> change = action.awaitChange();
		assertThat(change.observed()).isEqualTo("two");
		assertThat(change.origin()).isEqualTo(ChangeOrigin.EVENT);
		WatcherStatus status = this.watcher.getStatus();
		assertThat(status.state()).isEqualTo(State.WATCHING);
		assertThat(status.problem())
			.isEqualTo("File events stopped working and were restarted with a new watch service");
		assertThat(errors(output, "File events for certificate files stopped working")).isOne();
	}

	@Test
	void pollsWhenFileEventsStopWorkingAndCannotBeRestarted(CapturedOutput output) throws Exception {
		Path file = write(this.temp.resolve("tls").resolve("tls.crt"), "one");
		RecordingAction<String> action = new RecordingAction<>(() -> read(file));
		AtomicReference<WatchService> first = new AtomicReference<>();
		start(settings(Duration.ofMillis(200)), file, action, () -> {
			if (first.get() != null) {
				throw new IOException("inotify instance limit reached");
			}
			first.set(FileSystems.getDefault().newWatchService());
			return first.get();
		});
		first.get().close();
		await().atMost(TIMEOUT).until(() -> this.watcher.getStatus().state() == State.POLLING_ONLY);
		await("the check of every file after the failure").atMost(TIMEOUT)
			.until(() -> this.watcher.getStatistics().unchangedChecks() == 1);
		write(file, "two");
		Change<String> change = action.awaitChange();
		assertThat(change.observed()).isEqualTo("two");
		assertThat(change.origin()).isEqualTo(ChangeOrigin.POLL);
		WatcherStatus status = this.watcher.getStatus();
		assertThat(status.isImpaired()).isTrue();
		assertThat(status.problem()).isEqualTo("File events stopped working: changes are found by polling every 200ms");
		assertThat(errors(output, "cannot be restarted")).isOne();
	}

	@Test
	void pollsWhenNoWatchServiceCanBeOpened() throws Exception {
		Path file = write(this.temp.resolve("tls").resolve("tls.crt"), "one");
		RecordingAction<String> action = new RecordingAction<>(() -> read(file));
		start(settings(Duration.ofMillis(200)), file, action, () -> {
			throw new IOException("inotify instance limit reached");
		});
		assertThat(this.watcher.getStatus().state()).isEqualTo(State.POLLING_ONLY);
		assertThat(this.watcher.getStatus().problem())
			.isEqualTo("File events are not available: changes are found by polling every 200ms");
		write(file, "two");
		Change<String> change = action.awaitChange();
		assertThat(change.observed()).isEqualTo("two");
		assertThat(change.origin()).isEqualTo(ChangeOrigin.POLL);
	}

	@Test
	void aStoppedWatcherIsReportedStopped() throws Exception {
		Path file = write(this.temp.resolve("tls").resolve("tls.crt"), "one");
		start(settings(NEVER), file, RecordingAction.origins(), FileSystems.getDefault()::newWatchService);
		assertThat(this.watcher.getStatus()).isEqualTo(new WatcherStatus(State.WATCHING, null, null, 0));
		this.watcher.stop();
		assertThat(this.watcher.getStatus().state()).isEqualTo(State.STOPPED);
		assertThat(watcherThreads()).isZero();
	}

	/**
	 * Return settings under which no step of the watcher thread is taken for stuck, so
	 * that a slow machine does not replace a thread where the test does not mean it.
	 */
	private static WatchSettings settings(Duration pollInterval) {
		return settings(pollInterval, TIMEOUT);
	}

	/**
	 * Return settings under which a step that does not return is soon taken for stuck.
	 */
	private static WatchSettings stalling(Duration pollInterval) {
		return settings(pollInterval, STALL_TIMEOUT);
	}

	private static WatchSettings settings(Duration pollInterval, Duration stallTimeout) {
		return new WatchSettings(WatchMode.WATCH_POLL, Duration.ofMillis(50), Duration.ofMillis(500), pollInterval,
				stallTimeout, DataSize.ofMegabytes(1));
	}

	private void start(WatchSettings settings, Path file, RecordingAction<?> action, WatchServiceFactory factory) {
		this.watcher = new CertificateFileWatcher(settings, Clock.fixed(NOW, ZoneOffset.UTC), factory, this.reader);
		this.watcher.watch("test", Set.of(file), action);
		this.watcher.start();
	}

	private void touchAndAwaitCheck(Path file) throws IOException {
		long checks = this.watcher.getStatistics().unchangedChecks();
		Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
		await().atMost(TIMEOUT).until(() -> this.watcher.getStatistics().unchangedChecks() > checks);
	}

	private static long errors(CapturedOutput output, String text) {
		return output.getAll().lines().filter((line) -> line.contains(" ERROR ") && line.contains(text)).count();
	}

	static long watcherThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> CertificateFileWatcher.THREAD_NAME.equals(thread.getName()) && thread.isAlive())
			.count();
	}

	static Path write(Path file, String content) throws IOException {
		Files.createDirectories(file.getParent());
		return Files.writeString(file, content);
	}

	private static void rewrite(Path file, String content) {
		try {
			write(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A reader of regular files that can be made to never return, or to fail with an
	 * error that ends its thread.
	 */
	static final class FaultyReader implements FileContentReader {

		private final FileContentReader delegate = FileContentReader.regularFiles(1024 * 1024);

		private final AtomicInteger readsToStick = new AtomicInteger();

		private final AtomicInteger stuck = new AtomicInteger();

		private final AtomicReference<Error> nextFailure = new AtomicReference<>();

		private final CountDownLatch release = new CountDownLatch(1);

		@Override
		public byte[] read(Path file) throws IOException {
			if (this.readsToStick.getAndUpdate((reads) -> Math.max(0, reads - 1)) > 0) {
				this.stuck.incrementAndGet();
				try {
					this.release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new InterruptedIOException();
				}
				finally {
					this.stuck.decrementAndGet();
				}
			}
			Error failure = this.nextFailure.getAndSet(null);
			if (failure != null) {
				throw failure;
			}
			return this.delegate.read(file);
		}

		/**
		 * Make the next reads never return, until {@link #release()}.
		 */
		void stickReads(int reads) {
			this.readsToStick.set(reads);
		}

		void failNextRead(Error failure) {
			this.nextFailure.set(failure);
		}

		int stuck() {
			return this.stuck.get();
		}

		void release() {
			this.readsToStick.set(0);
			this.release.countDown();
		}

	}

	/**
	 * An error that ends the thread that throws it, as an {@link OutOfMemoryError} would.
	 */
	static final class InjectedError extends Error {

		InjectedError() {
			super("injected failure");
		}

	}

}
