package io.github.hotcert.config;

import java.time.Clock;

import io.github.hotcert.acme.AcmeBundles;
import io.github.hotcert.acme.AcmeManager;
import io.github.hotcert.acme.AcmeSslBundleRegistrar;
import io.github.hotcert.acme.DnsChallengeHandler;
import io.github.hotcert.actuate.AcmeHealth;
import io.github.hotcert.metrics.AcmeMetrics;
import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.source.MaterialSources;
import io.github.hotcert.validation.MaterialValidator;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * hotcert's support for certificates from an ACME CA, the same on every Spring Boot line:
 * the ACME bundles of {@code hotcert.acme.bundle.*}, registered in Spring Boot's SSL
 * bundle registry from their storage directories, managed like every other bundle, and
 * kept from expiring by the {@link AcmeManager}. Imported by each line's ACME
 * auto-configuration when acme4j is on the class path and an ACME bundle is configured.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AcmeProperties.class)
public class HotcertAcmeConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AcmeBundles hotcertAcmeBundles(AcmeProperties properties, MaterialSources materialSources) {
		return new AcmeBundles(AcmeSettings.of(properties), materialSources);
	}

	@Bean
	AcmeSslBundleRegistrar hotcertAcmeSslBundleRegistrar(AcmeBundles bundles, ObjectProvider<Clock> clock) {
		return new AcmeSslBundleRegistrar(bundles, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	AcmeManager hotcertAcmeManager(AcmeBundles bundles, CertificateReloader reloader, MaterialValidator validator,
			SslBundles sslBundles, ObjectProvider<DnsChallengeHandler> dnsHandler,
			ApplicationEventPublisher eventPublisher, Environment environment, ObjectProvider<Clock> clock) {
		return new AcmeManager(bundles, reloader, validator, (name) -> sslBundles.getBundle(name).createSslContext(),
				dnsHandler.getIfAvailable(), eventPublisher,
				() -> environment.getProperty("local.server.port", Integer.class, 443),
				clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	AcmeHealth hotcertAcmeHealth(AcmeBundles bundles, ObjectProvider<Clock> clock) {
		return new AcmeHealth(bundles, clock.getIfAvailable(Clock::systemUTC));
	}

	/**
	 * Return the registrar that stops the application when ACME bundles are configured
	 * but acme4j is not on the class path, before a web server looks for them.
	 * @return the registrar
	 */
	public static SslBundleRegistrar missingClientRegistrar() {
		return (registry) -> {
			throw new IllegalStateException("hotcert.acme.bundle.* configures ACME bundles, but the ACME client "
					+ "acme4j is not on the class path: add org.shredzone.acme4j:acme4j-client (hotcert's starters "
					+ "bring it unless it is excluded)");
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AcmeMetrics hotcertAcmeMetrics(AcmeBundles bundles) {
			return new AcmeMetrics(bundles);
		}

	}

}
