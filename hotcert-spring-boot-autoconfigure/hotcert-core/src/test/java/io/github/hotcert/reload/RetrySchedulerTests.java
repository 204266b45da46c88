package io.github.hotcert.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.hotcert.source.ContentReader;
import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.source.MaterialSources;
import io.github.hotcert.source.StoreSource;
import io.github.hotcert.testsupport.MutableClock;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.MaterialValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RetryScheduler}.
 */
class RetrySchedulerTests {

	private final MutableClock clock = new MutableClock(Instant.now());

	private final TestCertificates certificates = new TestCertificates(this.clock);

	private final Issued authority = this.certificates.authority("retry test CA");

	@TempDir
	Path directory;

	private RetryScheduler scheduler;

	private CertificateReloader reloader;

	@AfterEach
	void stop() {
		if (this.scheduler != null) {
			this.scheduler.stop();
		}
	}

	@Test
	void backsOffExponentiallyUpToTheMaximum() {
		RetryScheduler scheduler = new RetryScheduler(null, Duration.ofSeconds(1), Duration.ofMinutes(1));
		assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8, 100)).map(scheduler::delay)
			.containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
					Duration.ofSeconds(16), Duration.ofSeconds(32), Duration.ofMinutes(1), Duration.ofMinutes(1),
					Duration.ofMinutes(1));
	}

	@Test
	void retriesUntilTheSecondFileArrives() throws IOException {
		Issued first = issue("first", Instant.now().minusSeconds(60));
		writeKey(first);
		writeCertificate(first);
		start();
		Issued second = issue("second", Instant.now().minusSeconds(60));
		writeKey(second);
		ReloadResult rejected = this.reloader.reload("web", ReloadRequest.of(ReloadTrigger.WATCH));
		assertThat(rejected.reason()).isEqualTo("key-match");
		writeCertificate(second);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(served()).isEqualTo(second.serialHex()));
		ReloadResult last = this.reloader.getBundle("web").getLastResult();
		assertThat(last.trigger()).isEqualTo(ReloadTrigger.RETRY);
		assertThat(last.outcome()).isEqualTo(ReloadOutcome.RELOADED);
		// The scheduler hears of the reload after the bundle is served
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.scheduler.getAttempts("web")).isZero());
	}

	@Test
	void retriesUntilTheMaterialBecomesValid() throws IOException {
		Issued first = issue("first", this.clock.instant().minusSeconds(60));
		writeKey(first);
		writeCertificate(first);
		start();
		Issued future = issue("future", this.clock.instant().plus(Duration.ofHours(1)));
		writeKey(future);
		writeCertificate(future);
		ReloadResult rejected = this.reloader.reload("web", ReloadRequest.of(ReloadTrigger.WATCH));
		assertThat(rejected.reason()).isEqualTo("dates");
		await().atMost(Duration.ofSeconds(20)).until(() -> this.scheduler.getAttempts("web") >= 3);
		assertThat(served()).isEqualTo(first.serialHex());
		this.clock.advance(Duration.ofHours(1));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(served()).isEqualTo(future.serialHex()));
		assertThat(this.reloader.getBundle("web").getLastResult().trigger()).isEqualTo(ReloadTrigger.RETRY);
	}

	@Test
	void doesNotRetryWhenStopped() throws IOException {
		Issued first = issue("first", Instant.now().minusSeconds(60));
		writeKey(first);
		writeCertificate(first);
		start();
		this.scheduler.stop();
		writeKey(issue("second", Instant.now().minusSeconds(60)));
		this.reloader.reload("web", ReloadRequest.of(ReloadTrigger.WATCH));
		assertThat(this.scheduler.getAttempts("web")).isZero();
	}

	@Test
	void doesNotRetryABundleRefusedWhenApplicationCodePublishedIt() throws IOException {
		Issued first = issue("first", Instant.now().minusSeconds(60));
		writeKey(first);
		writeCertificate(first);
		start();
		this.scheduler.onApplicationEvent(new CertificateReloadEvent(this, rejected(ReloadTrigger.REGISTRY)));
		assertThat(this.scheduler.getAttempts("web")).as("retrying reads the files, not that bundle").isZero();
		this.scheduler.onApplicationEvent(new CertificateReloadEvent(this, rejected(ReloadTrigger.WATCH)));
		assertThat(this.scheduler.getAttempts("web")).isOne();
	}

	@Test
	void doesNotRetryABundleWithoutFilesSinceOnlyItsConfigurationChangesIt() throws IOException {
		Issued first = issue("first", Instant.now().minusSeconds(60));
		writeKey(first);
		writeCertificate(first);
		start();
		Issued pushed = issue("pushed", Instant.now().minusSeconds(60));
		MaterialSource inline = source(PemFiles.certificates(pushed.chain()),
				PemFiles.pkcs8(first.keyPair().getPrivate()));
		ReloadResult rejected = this.reloader.reload(inline,
				new ReloadRequest(ReloadTrigger.CONFIGURATION, false, true, null));
		assertThat(rejected.reason()).isEqualTo("key-match");
		assertThat(this.scheduler.getAttempts("web")).isZero();
	}

	private static ReloadResult rejected(ReloadTrigger trigger) {
		return new ReloadResult("web", trigger, ReloadOutcome.REJECTED, Instant.now(), Duration.ZERO, null, null,
				"key-match", "private key does not match", List.of(), null);
	}

	private void start() {
		AtomicReference<RetryScheduler> scheduler = new AtomicReference<>();
		MaterialSource source = source(file("tls.crt").toString(), file("tls.key").toString());
		this.reloader = new CertificateReloader(List.of(new ManagedBundle(source, new LocalBundlePublisher("web"), 20)),
				MaterialValidator.withDefaultChecks(this.clock, TestValidation.policy()), (event) -> {
					RetryScheduler listener = scheduler.get();
					if (listener != null) {
						listener.onApplicationEvent((CertificateReloadEvent) event);
					}
				}, this.clock);
		this.scheduler = new RetryScheduler(this.reloader, Duration.ofMillis(50), Duration.ofMillis(200));
		scheduler.set(this.scheduler);
		this.scheduler.start();
		this.reloader.initialize();
	}

	/**
	 * Return the source of a PEM bundle whose certificate and key are the given values:
	 * paths, or PEM content written in the configuration.
	 */
	private static MaterialSource source(String certificate, String privateKey) {
		ContentReader reader = new ContentReader(ApplicationResourceLoader.get(), DataSize.ofKilobytes(64));
		MaterialSources sources = new MaterialSources(ApplicationResourceLoader.get(), reader);
		return new MaterialSource("web", reader, StoreSource.pem(null, sources.location("certificate", certificate),
				sources.location("private-key", privateKey), null), null, null, null, null);
	}

	private String served() {
		return this.reloader.getBundle("web").getServed().leaf().serialNumber();
	}

	private Issued issue(String commonName, Instant notBefore) {
		return this.certificates.issue(
				this.certificates.leaf(commonName).notBefore(notBefore).notAfter(notBefore.plus(Duration.ofDays(30))),
				this.authority);
	}

	private void writeKey(Issued issued) throws IOException {
		Files.writeString(file("tls.key"), PemFiles.pkcs8(issued.keyPair().getPrivate()));
	}

	private void writeCertificate(Issued issued) throws IOException {
		Files.writeString(file("tls.crt"), PemFiles.certificates(issued.chain()));
	}

	private Path file(String name) {
		return this.directory.resolve(name);
	}

}
