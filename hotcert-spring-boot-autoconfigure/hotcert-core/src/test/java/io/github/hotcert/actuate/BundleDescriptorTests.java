package io.github.hotcert.actuate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.hotcert.reload.BundleReloads;
import io.github.hotcert.reload.ManagedBundle;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.ReloadTrigger;
import io.github.hotcert.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BundleDescriptor}.
 */
class BundleDescriptorTests {

	private final TestCertificates certificates = TestCertificates.now();

	@TempDir
	Path directory;

	@Test
	void describesABundleAsOneReloadLeftIt() throws Exception {
		ManagedBundle bundle = TestReloader.started(this.directory,
				this.certificates.selfSigned(this.certificates.leaf("served.example")), (event) -> {
				})
			.bundle();
		// Alternate reloaded and rejected results while the bundle is described: the last
		// reload, the counts and the history of each description must agree
		AtomicBoolean running = new AtomicBoolean(true);
		Thread reloads = new Thread(() -> {
			Instant time = Instant.now();
			for (long i = 0; running.get(); i++) {
				ReloadOutcome outcome = (i % 2 == 0) ? ReloadOutcome.RELOADED : ReloadOutcome.REJECTED;
				BundleReloads.record(bundle, new ReloadResult("web", ReloadTrigger.WATCH, outcome, time.plusMillis(i),
						Duration.ZERO, null, null, null, outcome.id(), null, null));
			}
		}, "reloads");
		reloads.start();
		try {
			long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
			int described = 0;
			while (System.nanoTime() < deadline) {
				BundleDescriptor descriptor = BundleDescriptor.of(bundle, Clock.systemUTC());
				String last = descriptor.lastReload().outcome();
				assertThat(descriptor.history().get(0)).as("the newest of the history")
					.isEqualTo(descriptor.lastReload());
				if (last.equals(ReloadOutcome.REJECTED.id())) {
					assertThat(descriptor.consecutiveFailures()).as("failures in a row after a rejection").isOne();
					assertThat(descriptor.rejections()).as("rejections after a rejection")
						.isEqualTo(descriptor.reloads());
				}
				else if (last.equals(ReloadOutcome.RELOADED.id())) {
					assertThat(descriptor.consecutiveFailures()).as("failures in a row after a reload").isZero();
					assertThat(descriptor.reloads()).as("reloads after a reload")
						.isEqualTo(descriptor.rejections() + 1);
				}
				described++;
			}
			assertThat(described).isPositive();
		}
		finally {
			running.set(false);
			reloads.join(10_000);
		}
	}

}
