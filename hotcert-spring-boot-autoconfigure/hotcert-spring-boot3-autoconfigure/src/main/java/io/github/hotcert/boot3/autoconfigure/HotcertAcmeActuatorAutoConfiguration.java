package io.github.hotcert.boot3.autoconfigure;

import io.github.hotcert.actuate.AcmeHealth;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code acme} health indicator on Spring Boot 3.5: DOWN when
 * the orders of an ACME bundle keep failing and its certificate is about to become
 * useless.
 */
@AutoConfiguration(after = HotcertAcmeAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(AcmeHealth.class)
@ConditionalOnEnabledHealthIndicator("acme")
public class HotcertAcmeActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "acmeHealthIndicator")
	AcmeHealthIndicator acmeHealthIndicator(AcmeHealth health) {
		return new AcmeHealthIndicator(health);
	}

}
