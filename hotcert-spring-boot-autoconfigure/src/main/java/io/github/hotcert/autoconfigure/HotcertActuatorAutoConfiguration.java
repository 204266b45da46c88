package io.github.hotcert.autoconfigure;

import java.time.Clock;

import io.github.hotcert.actuate.CertificateReloadAuditListener;
import io.github.hotcert.actuate.CertificatesEndpoint;
import io.github.hotcert.actuate.CertificatesEndpointWebExtension;
import io.github.hotcert.actuate.CertificatesHealthIndicator;
import io.github.hotcert.actuate.CertificatesInfoContributor;
import io.github.hotcert.reload.CertificateReloader;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.autoconfigure.info.InfoContributorFallback;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of hotcert's actuator support: the {@code certificates} endpoint,
 * health indicator and info contributor, and audit events for every reload.
 */
@AutoConfiguration(after = HotcertAutoConfiguration.class)
@ConditionalOnClass(EndpointAutoConfiguration.class)
@ConditionalOnBean(CertificateReloader.class)
public class HotcertActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(CertificatesEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CertificatesEndpoint certificatesEndpoint(CertificateReloader reloader, ObjectProvider<Clock> clock) {
			return new CertificatesEndpoint(reloader, clock.getIfAvailable(Clock::systemUTC));
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(CertificatesEndpoint.class)
		@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
		CertificatesEndpointWebExtension certificatesEndpointWebExtension(CertificatesEndpoint endpoint) {
			return new CertificatesEndpointWebExtension(endpoint);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("certificates")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "certificatesHealthIndicator")
		CertificatesHealthIndicator certificatesHealthIndicator(CertificateReloader reloader,
				HotcertProperties properties, ObjectProvider<Clock> clock) {
			return new CertificatesHealthIndicator(reloader, properties.getHealth().getExpiryWarningThreshold(),
					properties.getHealth().isWarningsChangeStatus(), clock.getIfAvailable(Clock::systemUTC));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledInfoContributor(value = "certificates", fallback = InfoContributorFallback.DISABLE)
	static class InfoConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "certificatesInfoContributor")
		CertificatesInfoContributor certificatesInfoContributor(CertificateReloader reloader) {
			return new CertificatesInfoContributor(reloader);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "management.auditevents.enabled", matchIfMissing = true)
	static class AuditConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CertificateReloadAuditListener certificateReloadAuditListener(ApplicationEventPublisher publisher) {
			return new CertificateReloadAuditListener(publisher);
		}

	}

}
