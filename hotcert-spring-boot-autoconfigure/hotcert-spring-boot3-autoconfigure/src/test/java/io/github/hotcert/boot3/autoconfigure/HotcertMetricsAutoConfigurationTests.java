package io.github.hotcert.boot3.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.hotcert.metrics.CertificateMetrics;
import io.github.hotcert.metrics.ReloadMetrics;
import io.github.hotcert.metrics.ReloadMetricsListener;
import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.HotcertStartedEvent;
import io.github.hotcert.reload.StartupValidation;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.ssl.SslObservabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HotcertMetricsAutoConfiguration}.
 */
class HotcertMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HotcertAutoConfiguration.class,
				HotcertMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class));

	@TempDir
	Path directory;

	private Issued issued;

	private String[] bundle;

	@BeforeEach
	void writeBundle() throws IOException {
		TestCertificates certificates = TestCertificates.now();
		this.issued = certificates.issue(certificates.leaf("web.example"), certificates.authority("hotcert CA"));
		Files.writeString(this.directory.resolve("tls.crt"), PemFiles.certificates(this.issued.chain()));
		Files.writeString(this.directory.resolve("tls.key"), PemFiles.pkcs8(this.issued.keyPair().getPrivate()));
		this.bundle = new String[] {
				"spring.ssl.bundle.pem.web.keystore.certificate=" + this.directory.resolve("tls.crt"),
				"spring.ssl.bundle.pem.web.keystore.private-key=" + this.directory.resolve("tls.key") };
	}

	@Test
	void bindsTheMetricsOfTheManagedBundlesToTheMeterRegistry() {
		this.runner.withPropertyValues(this.bundle).run((context) -> {
			StartupValidation.awaitDone(context);
			assertThat(context).hasSingleBean(CertificateMetrics.class)
				.hasSingleBean(ReloadMetrics.class)
				.hasSingleBean(ReloadMetricsListener.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(CertificateMetrics.EXPIRATION)
				.tags("bundle", "web", "serial", this.issued.serialHex())
				.gauge()
				.value()).isEqualTo(this.issued.certificate().getNotAfter().toInstant().getEpochSecond());
			assertThat(registry.get(ReloadMetrics.RELOADS)
				.tags("bundle", "web", "trigger", "startup", "outcome", "unchanged")
				.counter()
				.count()).isOne();
			assertThat(registry.get(ReloadMetrics.CONSECUTIVE_FAILURES).tag("bundle", "web").gauge().value()).isZero();
		});
	}

	@Test
	void registersTheMetersWhenHotcertStartsNotWhileTheApplicationStarts() {
		this.runner.withPropertyValues(this.bundle).withPropertyValues("hotcert.startup.delay=1h").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find(ReloadMetrics.RELOADS).meters()).isEmpty();
			assertThat(registry.find(ReloadMetrics.CONSECUTIVE_FAILURES).meters()).isEmpty();
			context.publishEvent(new HotcertStartedEvent(this));
			assertThat(registry.get(ReloadMetrics.RELOADS).tags("bundle", "web", "trigger", "watch").counters())
				.hasSize(2);
			assertThat(registry.get(ReloadMetrics.CONSECUTIVE_FAILURES).tag("bundle", "web").gauge().value()).isZero();
		});
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HotcertAutoConfiguration.class,
					HotcertMetricsAutoConfiguration.class))
			.withPropertyValues(this.bundle)
			.run((context) -> assertThat(context).hasSingleBean(CertificateReloader.class)
				.doesNotHaveBean(CertificateMetrics.class)
				.doesNotHaveBean(ReloadMetrics.class)
				.doesNotHaveBean(ReloadMetricsListener.class));
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withPropertyValues(this.bundle)
			.run((context) -> assertThat(context).hasSingleBean(CertificateReloader.class)
				.doesNotHaveBean(CertificateMetrics.class)
				.doesNotHaveBean(ReloadMetrics.class));
	}

	@Test
	void backsOffWhenHotcertIsDisabled() {
		this.runner.withPropertyValues(this.bundle)
			.withPropertyValues("hotcert.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CertificateMetrics.class)
				.doesNotHaveBean(ReloadMetrics.class)
				.doesNotHaveBean(ReloadMetricsListener.class));
	}

	@Test
	void usesTheBeansOfTheApplication() {
		this.runner.withPropertyValues(this.bundle).withUserConfiguration(CustomMetrics.class).run((context) -> {
			assertThat(context).hasSingleBean(CertificateMetrics.class)
				.hasSingleBean(ReloadMetrics.class)
				.hasSingleBean(ReloadMetricsListener.class);
			assertThat(context.getBean(CertificateMetrics.class)).isSameAs(context.getBean("customCertificateMetrics"));
			assertThat(context.getBean(ReloadMetrics.class)).isSameAs(context.getBean("customReloadMetrics"));
			assertThat(context.getBean(ReloadMetricsListener.class)).isSameAs(context.getBean("customListener"));
		});
	}

	@Test
	void leavesSpringBootsChainExpiryToSpringBoot() {
		this.runner.withPropertyValues(this.bundle).run((context) -> {
			StartupValidation.awaitDone(context);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("ssl.chain.expiry").meters()).isEmpty();
			assertThat(registry.find(CertificateMetrics.EXPIRATION).gauges()).hasSize(2);
		});
		this.runner.withConfiguration(AutoConfigurations.of(SslObservabilityAutoConfiguration.class))
			.withPropertyValues(this.bundle)
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("ssl.chain.expiry").gauges()).singleElement()
					.satisfies((gauge) -> assertThat(gauge.getId().getTag("bundle")).isEqualTo("web"));
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomMetrics {

		@Bean
		CertificateMetrics customCertificateMetrics(CertificateReloader reloader) {
			return new CertificateMetrics(reloader);
		}

		@Bean
		ReloadMetrics customReloadMetrics(CertificateReloader reloader) {
			return new ReloadMetrics(reloader);
		}

		@Bean
		ReloadMetricsListener customListener(CertificateMetrics certificateMetrics, ReloadMetrics reloadMetrics) {
			return new ReloadMetricsListener(certificateMetrics, reloadMetrics);
		}

	}

}
