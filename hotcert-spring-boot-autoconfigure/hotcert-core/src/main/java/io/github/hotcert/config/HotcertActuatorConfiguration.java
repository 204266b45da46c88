package io.github.hotcert.config;

import java.time.Clock;

import io.github.hotcert.acme.AcmeBundles;
import io.github.hotcert.actuate.CertificateReloadAuditListener;
import io.github.hotcert.actuate.CertificatesEndpoint;
import io.github.hotcert.actuate.CertificatesEndpointWebExtension;
import io.github.hotcert.actuate.CertificatesHealth;
import io.github.hotcert.actuate.CertificatesInfoContributor;
import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.watch.CertificateFileWatcher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.autoconfigure.info.InfoContributorFallback;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * hotcert's actuator support that is the same on every Spring Boot line: the
 * {@code certificates} endpoint, the info contributor, audit events for every reload and
 * the health of the certificates, which each line adapts to its own health API.
 */
@Configuration(proxyBeanMethods = false)
public class HotcertActuatorConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CertificatesHealth hotcertCertificatesHealth(CertificateReloader reloader, HotcertProperties properties,
			ObjectProvider<Clock> clock, ObjectProvider<CertificateFileWatcher> watcher) {
		CertificateFileWatcher fileWatcher = watcher.getIfAvailable();
		return new CertificatesHealth(reloader, properties.getHealth().getExpiryWarningThreshold(),
				properties.getHealth().isWarningsChangeStatus(), clock.getIfAvailable(Clock::systemUTC),
				(fileWatcher != null) ? fileWatcher::getStatus : null);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(CertificatesEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CertificatesEndpoint certificatesEndpoint(CertificateReloader reloader, ObjectProvider<Clock> clock,
				ObjectProvider<AcmeBundles> acmeBundles) {
			return new CertificatesEndpoint(reloader, clock.getIfAvailable(Clock::systemUTC),
					acmeBundles.getIfAvailable());
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
