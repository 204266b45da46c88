package io.github.hotcert.metrics;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;

import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link CertificateMetrics}.
 */
class CertificateMetricsTests {

	@TempDir
	Path directory;

	private MetricsFixture fixture;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, new MockClock());

	@BeforeEach
	void createFixture() {
		this.fixture = new MetricsFixture(this.directory);
	}

	@Test
	void registersExpirationOfEveryCertificateOfTheServedChainInEpochSeconds() {
		Issued web = this.fixture.bundle("web", "web.example");
		bindAndStart();
		Gauge leaf = expiration(web.serialHex());
		assertThat(leaf.value()).isEqualTo(web.certificate().getNotAfter().toInstant().getEpochSecond());
		assertThat(leaf.value()).isEqualTo(MetricsFixture.START.plus(Duration.ofDays(90)).getEpochSecond());
		assertThat(leaf.getId().getBaseUnit()).isEqualTo("seconds");
		assertThat(leaf.getId().getTags()).extracting("key", "value")
			.containsExactlyInAnyOrder(tuple("bundle", "web"), tuple("store", "keystore"),
					tuple("serial", web.serialHex()), tuple("subject.cn", "web.example"),
					tuple("issuer.cn", "hotcert metrics CA"), tuple("leaf", "true"));
		Gauge authority = expiration(this.fixture.authority().serialHex());
		assertThat(authority.value())
			.isEqualTo(this.fixture.authority().certificate().getNotAfter().toInstant().getEpochSecond());
		assertThat(authority.getId().getTag("store")).isEqualTo("keystore");
		assertThat(authority.getId().getTag("leaf")).isEqualTo("false");
		assertThat(authority.getId().getTag("subject.cn")).isEqualTo("hotcert metrics CA");
		assertThat(this.registry.find(CertificateMetrics.EXPIRATION).gauges()).hasSize(2);
	}

	@Test
	void registersNotBeforeOfEveryCertificateWithTheSameTags() {
		Issued web = this.fixture.bundle("web", "web.example");
		bindAndStart();
		Gauge notBefore = this.registry.get(CertificateMetrics.NOT_BEFORE).tag("serial", web.serialHex()).gauge();
		assertThat(notBefore.value()).isEqualTo(MetricsFixture.START.minus(Duration.ofHours(1)).getEpochSecond());
		assertThat(notBefore.getId().getBaseUnit()).isEqualTo("seconds");
		assertThat(notBefore.getId().getTags()).isEqualTo(expiration(web.serialHex()).getId().getTags());
		assertThat(this.registry.find(CertificateMetrics.NOT_BEFORE).gauges()).hasSize(2);
	}

	@Test
	void registersTrustedCertificatesAsTruststore() {
		this.fixture.bundle("web", "web.example");
		this.fixture.trustAuthority("web");
		bindAndStart();
		Collection<Gauge> authority = this.registry.find(CertificateMetrics.EXPIRATION)
			.tag("serial", this.fixture.authority().serialHex())
			.gauges();
		assertThat(authority).extracting((gauge) -> gauge.getId().getTag("store"))
			.containsExactlyInAnyOrder("keystore", "truststore");
		assertThat(authority).allSatisfy((gauge) -> assertThat(gauge.getId().getTag("leaf")).isEqualTo("false"));
	}

	@Test
	void registersTheCertificatesOfEveryBundle() {
		Issued web = this.fixture.bundle("web", "web.example");
		Issued api = this.fixture.bundle("api", "api.example");
		bindAndStart();
		assertThat(expiration(web.serialHex()).getId().getTag("bundle")).isEqualTo("web");
		assertThat(expiration(api.serialHex()).getId().getTag("bundle")).isEqualTo("api");
		assertThat(this.registry.find(CertificateMetrics.EXPIRATION).gauges()).hasSize(4);
	}

	@Test
	void removesTheSeriesOfAReplacedCertificateAfterTheSwap() {
		Issued first = this.fixture.bundle("web", "first.example");
		bindAndStart();
		Gauge authority = expiration(this.fixture.authority().serialHex());
		Issued second = this.fixture.issue("second.example");
		this.fixture.write("web", second);
		assertThat(this.fixture.reload("web").outcome()).isEqualTo(ReloadOutcome.RELOADED);
		assertThat(this.registry.find(CertificateMetrics.EXPIRATION).tag("serial", first.serialHex()).gauges())
			.isEmpty();
		assertThat(this.registry.find(CertificateMetrics.NOT_BEFORE).tag("serial", first.serialHex()).gauges())
			.isEmpty();
		assertThat(expiration(second.serialHex()).getId().getTag("subject.cn")).isEqualTo("second.example");
		assertThat(this.registry.find(CertificateMetrics.EXPIRATION).tag("leaf", "true").gauges()).hasSize(1);
		assertThat(expiration(this.fixture.authority().serialHex())).as("the unchanged CA keeps its gauge")
			.isSameAs(authority);
	}

	@Test
	void keepsTheSeriesOfTheServedCertificateWhenNewMaterialIsRejected() {
		Issued first = this.fixture.bundle("web", "first.example");
		bindAndStart();
		this.fixture.writeMismatched("web", this.fixture.issue("second.example"), this.fixture.issue("other"));
		assertThat(this.fixture.reload("web").outcome()).isEqualTo(ReloadOutcome.REJECTED);
		assertThat(this.registry.find(CertificateMetrics.EXPIRATION).tag("leaf", "true").gauges())
			.extracting((gauge) -> gauge.getId().getTag("serial"))
			.containsExactly(first.serialHex());
	}

	@Test
	void registersOneInfoSeriesPerBundleNamingTheServedLeafByItsSerialAndFingerprint() {
		Issued web = this.fixture.bundle("web", "web.example");
		Issued api = this.fixture.bundle("api", "api.example");
		bindAndStart();
		assertThat(this.registry.find(CertificateMetrics.INFO).gauges()).hasSize(2);
		Gauge info = this.registry.get(CertificateMetrics.INFO).tag("bundle", "web").gauge();
		assertThat(info.value()).isOne();
		assertThat(info.getId().getTags()).extracting("key", "value")
			.containsExactlyInAnyOrder(tuple("bundle", "web"), tuple("serial", web.serialHex()),
					tuple("fingerprint", sha256(web)));
		assertThat(this.registry.get(CertificateMetrics.INFO).tag("bundle", "api").gauge().getId().getTag("serial"))
			.isEqualTo(api.serialHex());
	}

	@Test
	void replacesTheInfoSeriesOfABundleAtEverySwapSoThatOnlyOneIsLeft() {
		this.fixture.bundle("web", "first.example");
		bindAndStart();
		Issued last = null;
		for (int i = 0; i < 5; i++) {
			last = this.fixture.issue("rotated-" + i + ".example");
			this.fixture.write("web", last);
			assertThat(this.fixture.reload("web").outcome()).isEqualTo(ReloadOutcome.RELOADED);
		}
		this.fixture.writeMismatched("web", this.fixture.issue("refused.example"), this.fixture.issue("other"));
		assertThat(this.fixture.reload("web").outcome()).isEqualTo(ReloadOutcome.REJECTED);
		Issued served = last;
		assertThat(this.registry.find(CertificateMetrics.INFO).gauges()).singleElement()
			.satisfies((gauge) -> assertThat(gauge.getId().getTags()).extracting("key", "value")
				.containsExactlyInAnyOrder(tuple("bundle", "web"), tuple("serial", served.serialHex()),
						tuple("fingerprint", sha256(served))));
	}

	@Test
	void registersNothingBeforeTheBundlesServeMaterial() {
		this.fixture.bundle("web", "web.example");
		CertificateMetrics metrics = new CertificateMetrics(this.fixture.reloader());
		metrics.bindTo(this.registry);
		assertThat(this.registry.find(CertificateMetrics.EXPIRATION).gauges()).isEmpty();
		this.fixture.listen(metrics, new ReloadMetrics(this.fixture.reloader()));
		this.fixture.reloader().initialize();
		assertThat(this.registry.find(CertificateMetrics.EXPIRATION).gauges()).hasSize(2);
	}

	@Test
	void registersTheGaugesAtTheFirstRefreshNotWhenBound() {
		Issued served = this.fixture.bundle("web", "web.example");
		this.fixture.reloader().initialize();
		CertificateMetrics metrics = new CertificateMetrics(this.fixture.reloader());
		metrics.bindTo(this.registry);
		assertThat(this.registry.getMeters()).as("registered while the application starts").isEmpty();
		metrics.refresh();
		assertThat(this.registry.find(CertificateMetrics.INFO).gauges()).singleElement()
			.satisfies((gauge) -> assertThat(gauge.getId().getTag("serial")).isEqualTo(served.serialHex()));
		SimpleMeterRegistry other = new SimpleMeterRegistry(SimpleConfig.DEFAULT, new MockClock());
		metrics.bindTo(other);
		assertThat(other.find(CertificateMetrics.INFO).gauges()).as("bound after the first refresh").hasSize(1);
	}

	@Test
	void updatesEveryBoundRegistry() {
		Issued first = this.fixture.bundle("web", "first.example");
		SimpleMeterRegistry other = new SimpleMeterRegistry(SimpleConfig.DEFAULT, new MockClock());
		CertificateMetrics metrics = bindAndStart();
		metrics.bindTo(other);
		Issued second = this.fixture.issue("second.example");
		this.fixture.write("web", second);
		this.fixture.reload("web");
		for (SimpleMeterRegistry each : new SimpleMeterRegistry[] { this.registry, other }) {
			assertThat(each.find(CertificateMetrics.EXPIRATION).tag("leaf", "true").gauges())
				.extracting((gauge) -> gauge.getId().getTag("serial"))
				.containsExactly(second.serialHex());
		}
		assertThat(first.serialHex()).isNotEqualTo(second.serialHex());
	}

	@Test
	void registersNoMeterNamedLikeSpringBootsChainExpiry() {
		this.fixture.bundle("web", "web.example");
		bindAndStart();
		assertThat(this.registry.getMeters()).extracting((meter) -> meter.getId().getName())
			.doesNotContain("ssl.chain.expiry");
		assertThat(this.registry.getMeters()).extracting(Meter::getId)
			.allSatisfy((id) -> assertThat(id.getName()).startsWith("hotcert."));
	}

	private CertificateMetrics bindAndStart() {
		CertificateMetrics metrics = new CertificateMetrics(this.fixture.reloader());
		metrics.bindTo(this.registry);
		this.fixture.listen(metrics, new ReloadMetrics(this.fixture.reloader()));
		this.fixture.reloader().initialize();
		return metrics;
	}

	private static String sha256(Issued issued) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(issued.certificate().getEncoded()));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Gauge expiration(String serial) {
		return this.registry.get(CertificateMetrics.EXPIRATION).tag("serial", serial).gauge();
	}

}
