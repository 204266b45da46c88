package io.github.hotcert.actuate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.github.hotcert.reload.ReloadRequest;
import io.github.hotcert.reload.ReloadTrigger;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CertificatesHealthIndicator}, with a real reloader and a clock moved
 * forward instead of waiting.
 */
class CertificatesHealthIndicatorTests {

	private static final Duration THRESHOLD = Duration.ofDays(14);

	private final TestCertificates certificates = TestCertificates.now();

	@TempDir
	Path directory;

	private Issued authority;

	private Issued served;

	private TestReloader reloader;

	@BeforeEach
	void serve() {
		this.authority = this.certificates.authority("hotcert test CA");
		this.served = issue("served.example");
		this.reloader = TestReloader.started(this.directory, this.served, (event) -> {
		});
	}

	@Test
	void upWithoutWarningsWhenCertificatesAreValidAndServed() {
		Health health = health(Duration.ZERO, false);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(web(health)).containsOnlyKeys("serialNumber", "notAfter")
			.containsEntry("serialNumber", this.served.serialHex())
			.containsEntry("notAfter", this.served.certificate().getNotAfter().toInstant());
	}

	@Test
	void downWhenAServedCertificateHasExpired() {
		Health health = health(Duration.ofDays(91), false);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(web(health).get("expired")).asString()
			.contains("CN=served.example serial " + this.served.serialHex())
			.contains("expired at");
	}

	@Test
	void reportsCertificateThatExpiresWithinTheThresholdAndStaysUp() {
		Health health = health(Duration.ofDays(80), false);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(web(health).get("expiringSoon")).asString()
			.contains("CN=served.example serial " + this.served.serialHex())
			.contains("expires in 9 days, within the warning threshold of 14 days");
		assertThat(web(health(Duration.ofDays(70), false))).doesNotContainKey("expiringSoon");
	}

	@Test
	void warningsChangeTheStatusToOutOfServiceWhenAskedTo() {
		assertThat(health(Duration.ofDays(80), true).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health(Duration.ZERO, true).getStatus()).isEqualTo(Status.UP);
		assertThat(health(Duration.ofDays(91), true).getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void reportsLastReloadThatWasRejected() {
		this.reloader.writeMismatched(issue("next.example"), issue("other.example"));
		this.reloader.reloader().reload("web", ReloadRequest.of(ReloadTrigger.WATCH));
		Health health = health(Duration.ZERO, false);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(web(health).get("lastReloadRejected"))
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.map(String.class, Object.class))
			.containsEntry("trigger", "watch")
			.containsEntry("reason", "key-match")
			.hasEntrySatisfying("message",
					(message) -> assertThat(message).asString().contains(this.reloader.privateKey().toString()));
		assertThat(web(health)).containsKey("notServed");
		assertThat(health(Duration.ZERO, true).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
	}

	@Test
	void reportsMaterialOnDiskThatIsNotServed() {
		this.reloader.write(issue("next.example"));
		Health health = health(Duration.ZERO, false);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(web(health).get("notServed")).asString()
			.contains("differs from the material served")
			.contains(this.reloader.certificate().toString());
		assertThat(web(health)).doesNotContainKey("lastReloadRejected");
	}

	@Test
	void reportsMaterialOnDiskThatCannotBeRead() throws Exception {
		Files.delete(this.reloader.privateKey());
		Health health = health(Duration.ZERO, false);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(web(health).get("notServed")).asString()
			.contains("'web'")
			.contains(this.reloader.privateKey().toString())
			.contains("does not exist");
	}

	private Health health(Duration later, boolean warningsChangeStatus) {
		Clock clock = Clock.fixed(Instant.now().plus(later), ZoneOffset.UTC);
		return new CertificatesHealthIndicator(this.reloader.reloader(), THRESHOLD, warningsChangeStatus, clock)
			.health();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> web(Health health) {
		return (Map<String, Object>) health.getDetails().get("web");
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

}
