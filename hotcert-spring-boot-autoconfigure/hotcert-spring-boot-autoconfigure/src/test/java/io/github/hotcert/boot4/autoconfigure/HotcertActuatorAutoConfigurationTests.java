package io.github.hotcert.boot4.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import io.github.hotcert.actuate.CertificatesHealth;
import io.github.hotcert.actuate.CertificateReloadAuditListener;
import io.github.hotcert.actuate.CertificatesEndpoint;
import io.github.hotcert.actuate.CertificatesEndpointWebExtension;
import io.github.hotcert.actuate.CertificatesInfoContributor;
import io.github.hotcert.reload.CertificateReloader;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HotcertActuatorAutoConfiguration}.
 */
class HotcertActuatorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(SslAutoConfiguration.class, HotcertAutoConfiguration.class, HotcertActuatorAutoConfiguration.class));

	@Test
	void registersHealthIndicatorAndAuditListener() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(CertificatesHealthIndicator.class)
			.hasBean("certificatesHealthIndicator")
			.hasSingleBean(CertificateReloadAuditListener.class)
			.doesNotHaveBean(CertificatesInfoContributor.class));
	}

	@Test
	void registersEndpointOnlyWhenItIsExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(CertificatesEndpoint.class)
			.doesNotHaveBean(CertificatesEndpointWebExtension.class));
		this.runner
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=certificates")
			.run((context) -> assertThat(context).hasSingleBean(CertificatesEndpoint.class)
				.doesNotHaveBean(CertificatesEndpointWebExtension.class));
	}

	@Test
	void registersEndpointAndWebExtensionWhenTheEndpointIsExposedOverHttp() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=certificates")
			.run((context) -> assertThat(context).hasSingleBean(CertificatesEndpoint.class)
				.hasSingleBean(CertificatesEndpointWebExtension.class));
	}

	@Test
	void endpointCanBeTurnedOff() {
		this.runner
			.withPropertyValues("management.endpoint.certificates.access=NONE",
					"management.endpoints.web.exposure.include=certificates")
			.run((context) -> assertThat(context).doesNotHaveBean(CertificatesEndpoint.class)
				.doesNotHaveBean(CertificatesEndpointWebExtension.class));
	}

	@Test
	void healthIndicatorUsesTheHealthProperties() {
		this.runner
			.withPropertyValues("hotcert.health.expiry-warning-threshold=30d",
					"hotcert.health.warnings-change-status=true")
			.run((context) -> assertThat(context.getBean(CertificatesHealth.class))
				.hasFieldOrPropertyWithValue("expiryWarningThreshold", Duration.ofDays(30))
				.hasFieldOrPropertyWithValue("warningsChangeStatus", true));
	}

	@Test
	void healthIndicatorDefaultsToFourteenDaysWithoutChangingTheStatus() {
		this.runner.run((context) -> assertThat(context.getBean(CertificatesHealth.class))
			.hasFieldOrPropertyWithValue("expiryWarningThreshold", Duration.ofDays(14))
			.hasFieldOrPropertyWithValue("warningsChangeStatus", false));
	}

	@Test
	void healthIndicatorCanBeDisabled() {
		this.runner.withPropertyValues("management.health.certificates.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CertificatesHealthIndicator.class));
	}

	@Test
	void infoContributorIsOptIn() {
		this.runner.withPropertyValues("management.info.certificates.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(CertificatesInfoContributor.class));
	}

	@Test
	void auditListenerFollowsAuditEventsProperty() {
		this.runner.withPropertyValues("management.auditevents.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CertificateReloadAuditListener.class));
	}

	@Test
	void userDefinedBeansReplaceOurs() {
		this.runner.withUserConfiguration(UserConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=certificates")
			.run((context) -> assertThat(context).hasSingleBean(CertificatesEndpoint.class)
				.hasBean("userEndpoint")
				.hasSingleBean(CertificatesHealthIndicator.class)
				.hasBean("certificatesHealthIndicator"));
	}

	@Test
	void backsOffWithoutActuator() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasSingleBean(CertificateReloader.class)
				.doesNotHaveBean("certificatesEndpoint")
				.doesNotHaveBean("certificatesHealthIndicator")
				.doesNotHaveBean("certificateReloadAuditListener"));
	}

	@Test
	void backsOffWhenHotcertIsDisabled() {
		this.runner.withPropertyValues("hotcert.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CertificatesEndpoint.class)
				.doesNotHaveBean(CertificatesHealthIndicator.class)
				.doesNotHaveBean(CertificateReloadAuditListener.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserConfiguration {

		@Bean
		CertificatesEndpoint userEndpoint(CertificateReloader reloader) {
			return new CertificatesEndpoint(reloader, Clock.systemUTC());
		}

		@Bean
		CertificatesHealthIndicator certificatesHealthIndicator(CertificateReloader reloader) {
			return new CertificatesHealthIndicator(
					new CertificatesHealth(reloader, Duration.ofDays(1), false, Clock.systemUTC()));
		}

	}

}
