package io.github.hotcert.watch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.github.hotcert.testsupport.PemFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link FileStamp}, and for polling that reads only the files whose stamp
 * changed.
 */
class FileStampTests {

	private static final long NOW = 1_800_000_000_000L;

	@TempDir
	Path temp;

	@Test
	void stampThatSettledVouchesForTheSameStamp() {
		FileStamp earlier = stamp(NOW - 10_000, NOW);
		assertThat(stamp(NOW - 10_000, NOW + 10_000).sameContentAs(earlier)).isTrue();
	}

	@Test
	void stampTakenSoonAfterAChangeVouchesForNothing() {
		FileStamp earlier = stamp(NOW - 100, NOW);
		assertThat(stamp(NOW - 100, NOW + 10_000).sameContentAs(earlier)).isFalse();
	}

	@Test
	void anyDifferenceIsAChange() {
		FileStamp earlier = stamp(NOW - 10_000, NOW);
		assertThat(new FileStamp("other", 10, time(NOW - 10_000), time(NOW - 10_000), NOW + 1).sameContentAs(earlier))
			.isFalse();
		assertThat(new FileStamp("file", 11, time(NOW - 10_000), time(NOW - 10_000), NOW + 1).sameContentAs(earlier))
			.isFalse();
		assertThat(new FileStamp("file", 10, time(NOW - 10_000), time(NOW - 5_000), NOW + 1).sameContentAs(earlier))
			.isFalse();
		assertThat(stamp(NOW - 10_000, NOW).sameContentAs(null)).isFalse();
	}

	@Test
	void missingFilesHaveEqualStamps() {
		Path missing = this.temp.resolve("missing.crt");
		assertThat(FileStamp.of(missing).sameContentAs(FileStamp.of(missing))).isTrue();
	}

	@Test
	void pollingReadsOnlyFilesWhoseStampChanged() throws Exception {
		Path file = Files.writeString(this.temp.resolve("tls.crt"), "one");
		AtomicLong reads = new AtomicLong();
		RecordingAction<String> action = new RecordingAction<>(() -> read(file));
		try (CertificateFileWatcher watcher = new CertificateFileWatcher(
				new WatchSettings(WatchMode.POLL, Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofMillis(50)),
				Clock.systemUTC(), () -> null, (path) -> {
					reads.incrementAndGet();
					return Files.readAllBytes(path);
				})) {
			watcher.watch("test", Set.of(file), action);
			watcher.start();
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				long before = reads.get();
				long polls = watcher.getStatistics().polls();
				await().until(() -> watcher.getStatistics().polls() >= polls + 5);
				return reads.get() == before;
			});
			PemFiles.overwrite(file, "two");
			assertThat(action.awaitChange().observed()).isEqualTo("two");
		}
	}

	private static FileStamp stamp(long changed, long taken) {
		return new FileStamp("file", 10, time(changed), time(changed), taken);
	}

	private static FileTime time(long millis) {
		return FileTime.fromMillis(millis);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
