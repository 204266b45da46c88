package io.github.hotcert.boot4.autoconfigure;

import io.github.hotcert.config.AcmeBundlesCondition;
import io.github.hotcert.config.ConditionalOnBouncyCastle;
import io.github.hotcert.config.HotcertAcmeConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the SSL bundles whose certificates hotcert obtains from an ACME
 * CA on Spring Boot 4, when {@code hotcert.acme.bundle.*} configures at least one.
 * Without acme4j on the class path, the application stops with a message that says so.
 */
@AutoConfiguration(after = HotcertAutoConfiguration.class)
@ConditionalOnBouncyCastle
@ConditionalOnBooleanProperty(name = "hotcert.enabled", matchIfMissing = true)
@Conditional(AcmeBundlesCondition.class)
public class HotcertAcmeAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.shredzone.acme4j.Session")
	@Import(HotcertAcmeConfiguration.class)
	static class AcmeClientConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.shredzone.acme4j.Session")
	static class MissingAcmeClientConfiguration {

		@Bean
		SslBundleRegistrar hotcertMissingAcmeClient() {
			return HotcertAcmeConfiguration.missingClientRegistrar();
		}

	}

}
