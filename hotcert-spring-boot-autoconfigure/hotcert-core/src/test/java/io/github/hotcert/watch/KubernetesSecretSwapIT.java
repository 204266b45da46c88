package io.github.hotcert.watch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ManagedBundle;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.ReloadTrigger;
import io.github.hotcert.testsupport.KubernetesSecretVolume;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The exact kubelet AtomicWriter sequence, one hundred times in a row: one hundred
 * reloads, none missed, none doubled, each taken at once as an atomic change. Polling is
 * set far beyond the test's length, so that every swap is found by file events alone.
 */
class KubernetesSecretSwapIT {

	private static final int SWAPS = 100;

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final TestCertificates certificates = TestCertificates.now();

	private final TlsClient client = TlsClient.create();

	@TempDir
	Path temp;

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	@Test
	void everySwapIsReloadedExactlyOnce() throws Exception {
		Issued authority = this.certificates.authority("hotcert test CA");
		KubernetesSecretVolume volume = new KubernetesSecretVolume(this.temp.resolve("secret"));
		Issued first = this.certificates.issue(this.certificates.leaf("swap-0.example"), authority);
		volume.writeStrings(secret(first));
		this.application.run(new Class<?>[] { RecordedReloads.class },
				TestWebApplication.concat(
						TestWebApplication.pemBundle("web", volume.file("tls.crt"), volume.file("tls.key")),
						new String[] { "hotcert.watch.quiet-period=50ms", "hotcert.watch.poll-interval=1h" }));
		int port = this.application.port();
		assertThat(this.client.servedSerial(port)).isEqualTo(first.serialHex());
		ManagedBundle bundle = this.application.getBean(CertificateReloader.class).getBundle("web");
		RecordedReloads reloads = this.application.getBean(RecordedReloads.class);
		List<Long> latencies = new ArrayList<>();
		for (int swap = 1; swap <= SWAPS; swap++) {
			Issued next = this.certificates.issue(this.certificates.leaf("swap-" + swap + ".example"), authority);
			long start = System.nanoTime();
			volume.writeStrings(secret(next));
			int expected = swap;
			// The count goes up before the reload's event is recorded: wait for both
			await().atMost(TIMEOUT)
				.until(() -> bundle.getReloadCount() >= expected
						&& reloads.recorded(ReloadTrigger.WATCH, ReloadTrigger.POLL).size() >= expected);
			List<RecordedReloads.Recorded> recorded = reloads.recorded(ReloadTrigger.WATCH, ReloadTrigger.POLL);
			assertThat(recorded).as("reloads after swap %d", swap).hasSize(swap);
			RecordedReloads.Recorded last = recorded.get(recorded.size() - 1);
			assertThat(last.result().newCertificate().serialNumber()).isEqualTo(next.serialHex());
			latencies.add(last.nanoTime() - start);
			if (swap % 25 == 0) {
				assertThat(this.client.servedSerial(port)).isEqualTo(next.serialHex());
			}
		}
		touchAndAwaitCheck(volume.file("tls.crt"));
		List<ReloadResult> results = reloads.byTrigger(ReloadTrigger.WATCH, ReloadTrigger.POLL);
		assertThat(results).hasSize(SWAPS);
		assertThat(results).extracting(ReloadResult::outcome).containsOnly(ReloadOutcome.RELOADED);
		assertThat(results).extracting(ReloadResult::trigger).containsOnly(ReloadTrigger.WATCH);
		assertThat(bundle.getReloadCount()).isEqualTo(SWAPS);
		assertThat(this.application.getBean(CertificateFileWatcher.class).getStatistics().atomicChanges())
			.isEqualTo(SWAPS);
		report(latencies);
	}

	private void touchAndAwaitCheck(Path file) throws Exception {
		CertificateFileWatcher watcher = this.application.getBean(CertificateFileWatcher.class);
		long checks = watcher.getStatistics().unchangedChecks();
		Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
		await().atMost(TIMEOUT).until(() -> watcher.getStatistics().unchangedChecks() > checks);
	}

	private static void report(List<Long> latencies) {
		List<Long> sorted = latencies.stream().sorted().toList();
		System.out.printf(
				"%d AtomicWriter swaps (atomic, no quiet period): swap to reload median %d ms, p95 %d ms, max %d ms%n",
				sorted.size(), millis(sorted.get(sorted.size() / 2)), millis(sorted.get(sorted.size() * 95 / 100)),
				millis(sorted.get(sorted.size() - 1)));
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

	private static Map<String, String> secret(Issued issued) {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("tls.crt", PemFiles.certificates(issued.chain()));
		files.put("tls.key", PemFiles.pkcs8(issued.keyPair().getPrivate()));
		return files;
	}

}
