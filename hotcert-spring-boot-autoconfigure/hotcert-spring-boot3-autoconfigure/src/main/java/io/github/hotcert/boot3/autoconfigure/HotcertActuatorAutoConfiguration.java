package io.github.hotcert.boot3.autoconfigure;

import io.github.hotcert.actuate.CertificatesHealth;
import io.github.hotcert.config.HotcertActuatorConfiguration;
import io.github.hotcert.reload.CertificateReloader;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of hotcert's actuator support on Spring Boot 3.5: the
 * {@code certificates} endpoint, health indicator and info contributor, and audit events
 * for every reload.
 */
@AutoConfiguration(after = HotcertAutoConfiguration.class)
@ConditionalOnClass(EndpointAutoConfiguration.class)
@ConditionalOnBean(CertificateReloader.class)
@Import(HotcertActuatorConfiguration.class)
public class HotcertActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("certificates")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "certificatesHealthIndicator")
		CertificatesHealthIndicator certificatesHealthIndicator(CertificatesHealth health) {
			return new CertificatesHealthIndicator(health);
		}

	}

}
