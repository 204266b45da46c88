package io.github.hotcert.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.source.StoreSource;
import io.github.hotcert.testsupport.HeldValidator;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestMaterial;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.watch.CertificateFileWatcher;
import io.github.hotcert.watch.FileChangeListener;
import io.github.hotcert.watch.WatchMode;
import io.github.hotcert.watch.WatchSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ReloadLifecycle}: the application does not wait for the watcher or for
 * the validation of the material served at startup.
 */
class ReloadLifecycleTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final TestCertificates certificates = TestCertificates.now();

	private final HeldValidator validator = new HeldValidator(TestValidation.policy());

	@TempDir
	Path directory;

	private CertificateFileWatcher watcher;

	private ReloadLifecycle lifecycle;

	private ManagedBundle bundle;

	private CertificateReloader reloader;

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final List<Boolean> watchingAtEvents = new CopyOnWriteArrayList<>();

	@BeforeEach
	void create() throws Exception {
		Issued issued = this.certificates.issue(this.certificates.leaf("startup.example"),
				this.certificates.authority("lifecycle test CA"));
		Path certificate = Files.writeString(this.directory.resolve("tls.crt"), PemFiles.certificates(issued.chain()));
		Path key = Files.writeString(this.directory.resolve("tls.key"), PemFiles.pkcs8(issued.keyPair().getPrivate()));
		MaterialSource source = new MaterialSource("web", TestMaterial.reader(), StoreSource.pem(null,
				TestMaterial.location("certificate", certificate), TestMaterial.location("private-key", key), null),
				null, null, null, null);
		this.bundle = new ManagedBundle(source, new LocalBundlePublisher("web"), 20);
		this.reloader = new CertificateReloader(List.of(this.bundle), this.validator, (event) -> {
		}, Clock.systemUTC());
		this.watcher = new CertificateFileWatcher(new WatchSettings(WatchMode.WATCH_POLL, Duration.ofMillis(50),
				Duration.ofMillis(500), Duration.ofHours(1)));
		this.lifecycle = lifecycle(Duration.ZERO);
	}

	private ReloadLifecycle lifecycle(Duration startupDelay) {
		return new ReloadLifecycle(this.reloader, this.watcher, null, startupDelay, (event) -> {
			this.watchingAtEvents.add(this.watcher.isRunning());
			this.events.add(event);
		});
	}

	@AfterEach
	void stop() {
		this.validator.release();
		this.lifecycle.stop();
	}

	@Test
	void startReturnsWhileTheMaterialServedAtStartupIsValidated() throws Exception {
		this.lifecycle.start();
		assertThat(this.lifecycle.isRunning()).isTrue();
		assertThat(this.bundle.isValidating()).isTrue();
		assertThat(this.validator.awaitHeld()).isTrue();
		assertThat(this.watcher.isRunning()).as("watching before validating").isTrue();
		assertThat(this.events).as("started before validating").singleElement().isInstanceOf(HotcertStartedEvent.class);
		assertThat(this.watchingAtEvents).as("started before watching").containsExactly(false);
		assertThat(this.bundle.isValidating()).isTrue();
		assertThat(this.bundle.getLastResult()).isNull();
		this.validator.release();
		await().atMost(TIMEOUT).until(() -> !this.bundle.isValidating());
		assertThat(this.bundle.getLastResult().trigger()).isEqualTo(ReloadTrigger.STARTUP);
		assertThat(this.bundle.getLastResult().outcome()).isEqualTo(ReloadOutcome.UNCHANGED);
	}

	@Test
	void stopEndsTheStartupThreadAndTheWatcher() throws Exception {
		this.lifecycle.start();
		assertThat(this.validator.awaitHeld()).isTrue();
		this.validator.release();
		this.lifecycle.stop();
		assertThat(this.lifecycle.isRunning()).isFalse();
		assertThat(this.watcher.isRunning()).isFalse();
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> ReloadLifecycle.THREAD_NAME.equals(thread.getName()));
	}

	@Test
	void neitherWatchesNorValidatesBeforeTheStartupDelay() {
		this.lifecycle = lifecycle(Duration.ofHours(1));
		this.lifecycle.start();
		assertThat(this.lifecycle.isRunning()).isTrue();
		assertThat(this.lifecycle.getStartupDelay()).isEqualTo(Duration.ofHours(1));
		await().during(Duration.ofMillis(500)).atMost(TIMEOUT).until(() -> !this.watcher.isRunning());
		assertThat(this.bundle.isValidating()).isTrue();
		assertThat(this.bundle.getLastResult()).isNull();
		assertThat(this.events).isEmpty();
		assertThat(Thread.getAllStackTraces().keySet())
			.anyMatch((thread) -> ReloadLifecycle.THREAD_NAME.equals(thread.getName()));
	}

	@Test
	void watchesAndValidatesOnceTheStartupDelayPassed() {
		this.validator.release();
		this.lifecycle = lifecycle(Duration.ofMillis(300));
		this.lifecycle.start();
		await().atMost(TIMEOUT).until(() -> !this.bundle.isValidating());
		assertThat(this.watcher.isRunning()).isTrue();
		assertThat(this.bundle.getLastResult().trigger()).isEqualTo(ReloadTrigger.STARTUP);
		assertThat(this.bundle.getLastResult().outcome()).isEqualTo(ReloadOutcome.UNCHANGED);
	}

	@Test
	void stopEndsTheStartupDelay() {
		this.lifecycle = lifecycle(Duration.ofHours(1));
		this.lifecycle.start();
		await().atMost(TIMEOUT)
			.until(() -> Thread.getAllStackTraces()
				.keySet()
				.stream()
				.anyMatch((thread) -> ReloadLifecycle.THREAD_NAME.equals(thread.getName())
						&& thread.getState() == Thread.State.TIMED_WAITING));
		this.lifecycle.stop();
		assertThat(this.lifecycle.isRunning()).isFalse();
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> ReloadLifecycle.THREAD_NAME.equals(thread.getName()) && thread.isAlive());
		assertThat(this.watcher.isRunning()).isFalse();
		assertThat(this.bundle.getLastResult()).isNull();
		assertThat(this.events).isEmpty();
	}

	@Test
	void watchesAndValidatesWhenAListenerOfTheStartFails() {
		this.validator.release();
		this.lifecycle = new ReloadLifecycle(this.reloader, this.watcher, null, Duration.ZERO, (event) -> {
			throw new IllegalStateException("listener failed");
		});
		this.lifecycle.start();
		await().atMost(TIMEOUT).until(() -> !this.bundle.isValidating());
		assertThat(this.watcher.isRunning()).isTrue();
		assertThat(this.bundle.getLastResult().trigger()).isEqualTo(ReloadTrigger.STARTUP);
	}

	@Test
	void stopsWhileTheWatcherReadsTheNewFilesOfABundle() throws Exception {
		CountDownLatch reading = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.watcher = new CertificateFileWatcher(new WatchSettings(WatchMode.WATCH_POLL, Duration.ofMillis(50),
				Duration.ofMillis(500), Duration.ofHours(1))) {

			@Override
			public void relisten(String name, Set<Path> files, FileChangeListener listener) {
				// As a read of a file system that does not answer
				reading.countDown();
				awaitRelease(release);
				super.relisten(name, files, listener);
			}

		};
		this.lifecycle = lifecycle(Duration.ZERO);
		this.validator.release();
		this.lifecycle.start();
		await().atMost(TIMEOUT).until(() -> !this.bundle.isValidating());
		CompletableFuture<Void> rewatched = CompletableFuture.runAsync(() -> this.lifecycle.rewatch(this.bundle));
		assertThat(reading.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		CompletableFuture<Void> stopped = CompletableFuture.runAsync(this.lifecycle::stop);
		assertThat(stopped).as("stopped while the watcher reads").succeedsWithin(TIMEOUT);
		assertThat(this.watcher.isRunning()).isFalse();
		release.countDown();
		assertThat(rewatched).succeedsWithin(TIMEOUT);
	}

	private static void awaitRelease(CountDownLatch release) {
		try {
			release.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void aNegativeStartupDelayIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> lifecycle(Duration.ofSeconds(-1)))
			.withMessage("'startupDelay' must not be negative");
	}

}
