package io.github.hotcert.metrics;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.github.hotcert.acme.AcmeBundles;
import io.github.hotcert.acme.AcmeStatusFixture;
import io.github.hotcert.acme.TestAcmeBundles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AcmeMetrics}.
 */
class AcmeMetricsTests {

	@TempDir
	Path storage;

	@Test
	void gaugesFollowTheStatusOfTheBundleAfterTheyAreBound() {
		AcmeBundles bundles = TestAcmeBundles.of("web", this.storage);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new AcmeMetrics(bundles).bindTo(registry);
		assertThat(gauge(registry, AcmeMetrics.TEMPORARY)).isEqualTo(1);
		assertThat(gauge(registry, AcmeMetrics.CONSECUTIVE_FAILURES)).isZero();
		assertThat(gauge(registry, AcmeMetrics.NEXT_RENEWAL)).isNaN();
		AcmeStatusFixture status = new AcmeStatusFixture(bundles.getBundle("web"));
		Instant issued = Instant.parse("2026-03-01T10:00:00Z");
		status.storedCertificate(issued, issued.plus(Duration.ofDays(90)));
		status.failedOrder("unreachable", "the CA cannot be reached");
		status.failedOrder("unreachable", "the CA cannot be reached");
		status.nextAttempt(issued.plus(Duration.ofMinutes(2)));
		assertThat(gauge(registry, AcmeMetrics.TEMPORARY)).isZero();
		assertThat(gauge(registry, AcmeMetrics.CONSECUTIVE_FAILURES)).isEqualTo(2);
		assertThat(gauge(registry, AcmeMetrics.NEXT_RENEWAL))
			.isEqualTo(issued.plus(Duration.ofMinutes(2)).getEpochSecond());
	}

	private static double gauge(SimpleMeterRegistry registry, String name) {
		return registry.get(name).tag("bundle", "web").gauge().value();
	}

}
