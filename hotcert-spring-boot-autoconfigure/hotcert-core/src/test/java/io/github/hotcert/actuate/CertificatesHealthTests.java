package io.github.hotcert.actuate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.github.hotcert.actuate.CertificatesHealth.Report;
import io.github.hotcert.actuate.CertificatesHealth.Status;
import io.github.hotcert.reload.ReloadRequest;
import io.github.hotcert.reload.ReloadTrigger;
import io.github.hotcert.reload.StartupValidation;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.watch.WatcherStatus;
import io.github.hotcert.watch.WatcherStatus.State;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CertificatesHealth}, with a real reloader and a clock moved forward
 * instead of waiting.
 */
class CertificatesHealthTests {

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
	void unknownWithNothingButValidatingWhileTheMaterialServedAtStartupIsValidated() throws Exception {
		Files.delete(this.reloader.privateKey());
		this.reloader.reloader().reload("web", ReloadRequest.of(ReloadTrigger.WATCH));
		StartupValidation.start(this.reloader.bundle());
		Report health = health(Duration.ZERO, true);
		assertThat(health.status()).isEqualTo(Status.UNKNOWN);
		assertThat(web(health)).containsOnlyKeys("role", "validating").containsEntry("validating", true);
	}

	@Test
	void upWithoutWarningsWhenCertificatesAreValidAndServed() {
		Report health = health(Duration.ZERO, false);
		assertThat(health.status()).isEqualTo(Status.UP);
		assertThat(web(health)).containsOnlyKeys("role", "serialNumber", "notAfter")
			.as("no web server serves the bundle: its certificate is a client's")
			.containsEntry("role", "client")
			.containsEntry("serialNumber", this.served.serialHex())
			.containsEntry("notAfter", this.served.certificate().getNotAfter().toInstant());
	}

	@Test
	void outOfServiceNotDownWhenAServedCertificateOfARegistryBundleHasExpired() {
		TestReloader registry = TestReloader.startedInRegistry(this.directory.resolve("registry"), this.served);
		Report health = health(registry, Duration.ofDays(91), false);
		assertThat(health.status()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(web(health).get("expired")).asString()
			.contains("CN=served.example serial " + this.served.serialHex())
			.contains("expired at");
	}

	@Test
	void outOfServiceWhenAServedCertificateOfARegistryBundleIsNotYetValid() {
		TestReloader registry = TestReloader.startedInRegistry(this.directory.resolve("registry"), this.served);
		Report health = health(registry, Duration.ofDays(-1), false);
		assertThat(health.status()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(web(health).get("notYetValid")).asString()
			.contains("CN=served.example serial " + this.served.serialHex())
			.contains("is not valid before " + this.served.certificate().getNotBefore().toInstant());
		assertThat(web(health)).doesNotContainKey("expired");
	}

	@Test
	void invalidCertificateOfABundleThatSpringBootDoesNotCheckIsAWarning() {
		Report expired = health(Duration.ofDays(91), false);
		assertThat(expired.status()).isEqualTo(Status.UP);
		assertThat(web(expired).get("expired")).asString()
			.contains("CN=served.example serial " + this.served.serialHex());
		Report notYetValid = health(Duration.ofDays(-1), false);
		assertThat(notYetValid.status()).isEqualTo(Status.UP);
		assertThat(web(notYetValid)).containsKey("notYetValid");
		assertThat(health(Duration.ofDays(91), true).status()).isEqualTo(Status.OUT_OF_SERVICE);
	}

	@Test
	void reportsCertificateThatExpiresWithinTheThresholdAndStaysUp() {
		Report health = health(Duration.ofDays(80), false);
		assertThat(health.status()).isEqualTo(Status.UP);
		assertThat(web(health).get("expiringSoon")).asString()
			.contains("CN=served.example serial " + this.served.serialHex())
			.contains("expires in 9 days, within the warning threshold of 14 days");
		assertThat(web(health(Duration.ofDays(70), false))).doesNotContainKey("expiringSoon");
	}

	@Test
	void warningsChangeTheStatusToOutOfServiceWhenAskedTo() {
		assertThat(health(Duration.ofDays(80), true).status()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health(Duration.ZERO, true).status()).isEqualTo(Status.UP);
		assertThat(health(Duration.ofDays(91), true).status()).isEqualTo(Status.OUT_OF_SERVICE);
	}

	@Test
	void reportsLastReloadThatWasRejected() {
		this.reloader.writeMismatched(issue("next.example"), issue("other.example"));
		this.reloader.reloader().reload("web", ReloadRequest.of(ReloadTrigger.WATCH));
		Report health = health(Duration.ZERO, false);
		assertThat(health.status()).isEqualTo(Status.UP);
		assertThat(web(health).get("lastReloadRejected"))
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.map(String.class, Object.class))
			.containsEntry("trigger", "watch")
			.containsEntry("reason", "key-match")
			.hasEntrySatisfying("message",
					(message) -> assertThat(message).asString().contains(this.reloader.privateKey().toString()));
		assertThat(web(health)).containsKey("notServed");
		assertThat(health(Duration.ZERO, true).status()).isEqualTo(Status.OUT_OF_SERVICE);
	}

	@Test
	void reportsMaterialOnDiskThatIsNotServed() {
		this.reloader.write(issue("next.example"));
		Report health = health(Duration.ZERO, false);
		assertThat(health.status()).isEqualTo(Status.UP);
		assertThat(web(health).get("notServed")).asString()
			.contains("differs from the material served")
			.contains(this.reloader.certificate().toString());
		assertThat(web(health)).doesNotContainKey("lastReloadRejected");
	}

	@Test
	void reportsMaterialOnDiskThatCannotBeRead() throws Exception {
		Files.delete(this.reloader.privateKey());
		Report health = health(Duration.ZERO, false);
		assertThat(health.status()).isEqualTo(Status.UP);
		assertThat(web(health).get("notServed")).asString()
			.contains("'web'")
			.contains(this.reloader.privateKey().toString())
			.contains("does not exist");
	}

	@Test
	void reportsARequiredRestartAsAWarningWithTheConsumersThatServeOlderMaterial() {
		this.reloader.reloader().getBundle("web").addConsumerThatCannotFollow("fixed https port 8443 (default host)");
		assertThat(web(health(Duration.ZERO, true))).doesNotContainKey("restartRequired");
		this.reloader.write(issue("next.example"));
		this.reloader.reloader().reload("web", ReloadRequest.of(ReloadTrigger.WATCH));
		Report health = health(Duration.ZERO, false);
		assertThat(health.status()).isEqualTo(Status.UP);
		assertThat(web(health).get("restartRequired"))
			.asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
			.containsEntry("since", this.reloader.reloader().getBundle("web").getLastSuccess())
			.containsEntry("consumers", List.of("fixed https port 8443 (default host)"))
			.hasEntrySatisfying("message", (message) -> assertThat(message).asString()
				.contains("fixed https port 8443 (default host) cannot take while the application runs"));
		assertThat(health(Duration.ZERO, true).status()).isEqualTo(Status.OUT_OF_SERVICE);
	}

	@Test
	void reportsWatcherThatPollsOnlyAsAWarning() {
		Instant since = Instant.parse("2026-11-21T10:00:00Z");
		WatcherStatus polling = new WatcherStatus(State.POLLING_ONLY,
				"File events stopped working: changes are found by polling every 10s", since, 0);
		Report health = health(polling, false);
		assertThat(health.status()).isEqualTo(Status.UP);
		assertThat(web(health).get("watcher")).asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
			.containsEntry("state", "polling-only")
			.containsEntry("problem", "File events stopped working: changes are found by polling every 10s")
			.containsEntry("since", since)
			.containsEntry("restarts", 0L);
		assertThat(health(polling, true).status()).isEqualTo(Status.OUT_OF_SERVICE);
	}

	@Test
	void reportsWatcherThatRecoveredWithoutAWarning() {
		WatcherStatus recovered = new WatcherStatus(State.WATCHING, "The hotcert-watcher thread ended unexpectedly",
				Instant.now(), 1);
		Report health = health(recovered, true);
		assertThat(health.status()).isEqualTo(Status.UP);
		assertThat(web(health).get("watcher")).asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
			.containsEntry("state", "watching")
			.containsEntry("restarts", 1L);
	}

	@Test
	void reportsNothingOfAWatcherWithoutFaults() {
		Report health = health(new WatcherStatus(State.WATCHING, null, null, 0), true);
		assertThat(health.status()).isEqualTo(Status.UP);
		assertThat(web(health)).doesNotContainKey("watcher");
	}

	@Test
	void reportsTheTrustedCertificatesOfATrustBundleThatExpireSoonAsWarnings() {
		Issued expiring = this.certificates.intermediate(
				this.certificates.leaf("expiring CA").notAfter(Instant.now().plus(Duration.ofDays(3))), this.authority);
		TestReloader trust = TestReloader.startedTrusting(this.directory.resolve("trust"), this.authority.certificate(),
				expiring.certificate());
		Report health = health(trust, Duration.ZERO, false);
		assertThat(health.status()).isEqualTo(Status.UP);
		assertThat(web(health)).containsEntry("role", "trust")
			.containsEntry("trustedCertificates", 2)
			.doesNotContainKey("serialNumber")
			.extractingByKey("expiringSoon")
			.asList()
			.singleElement()
			.asString()
			.startsWith("CN=expiring CA serial " + expiring.serialHex());
		assertThat(health(trust, Duration.ZERO, true).status()).isEqualTo(Status.OUT_OF_SERVICE);
	}

	private Report health(WatcherStatus watcher, boolean warningsChangeStatus) {
		return new CertificatesHealth(this.reloader.reloader(), THRESHOLD, warningsChangeStatus, Clock.systemUTC(),
				() -> watcher)
			.check();
	}

	private Report health(Duration later, boolean warningsChangeStatus) {
		return health(this.reloader, later, warningsChangeStatus);
	}

	private Report health(TestReloader reloader, Duration later, boolean warningsChangeStatus) {
		Clock clock = Clock.fixed(Instant.now().plus(later), ZoneOffset.UTC);
		return new CertificatesHealth(reloader.reloader(), THRESHOLD, warningsChangeStatus, clock).check();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> web(Report health) {
		return (Map<String, Object>) health.details().get("web");
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

}
