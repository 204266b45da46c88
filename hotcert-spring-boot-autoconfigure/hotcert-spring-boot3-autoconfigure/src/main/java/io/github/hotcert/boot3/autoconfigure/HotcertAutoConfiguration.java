package io.github.hotcert.boot3.autoconfigure;

import java.time.Clock;

import io.github.hotcert.config.BundleDiscovery;
import io.github.hotcert.config.ConditionalOnBouncyCastle;
import io.github.hotcert.config.HotcertConfiguration;
import io.github.hotcert.config.HotcertProperties;
import io.github.hotcert.config.ManagementServerSsl;
import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ReloadObservationConvention;
import io.github.hotcert.server.ServerSsl;
import io.github.hotcert.server.ServerSslApplier;
import io.github.hotcert.server.WebServerSslBinder;
import io.github.hotcert.validation.MaterialValidator;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration for hotcert on Spring Boot 3.5: watches the files of the configured
 * SSL bundles and publishes validated new material through Spring Boot's
 * {@link SslBundleRegistry}.
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnBouncyCastle
@ConditionalOnBooleanProperty(name = "hotcert.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ HotcertProperties.class, SslProperties.class })
@Import(HotcertConfiguration.class)
public class HotcertAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CertificateReloader certificateReloader(BundleDiscovery discovery, SslProperties sslProperties,
			ObjectProvider<ServerProperties> serverProperties, MaterialValidator validator,
			ApplicationEventPublisher eventPublisher, ObjectProvider<Clock> clock, ListableBeanFactory beanFactory,
			Environment environment, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ReloadObservationConvention> observationConvention) {
		ServerProperties server = serverProperties.getIfAvailable();
		CertificateReloader reloader = new CertificateReloader(
				discovery.discover(sslProperties, (server != null) ? server.getSsl() : null,
						ManagementServerSsl.propertiesSsl(beanFactory, environment)),
				validator, eventPublisher, clock.getIfAvailable(Clock::systemUTC));
		reloader.setObservationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
		observationConvention.ifAvailable(reloader::setObservationConvention);
		return reloader;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	static class WebServerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WebServerSslBinder hotcertWebServerSslBinder(CertificateReloader reloader, SslBundles sslBundles,
				ObjectProvider<ServerSslApplier> appliers, ObjectProvider<ServerProperties> serverProperties,
				ListableBeanFactory beanFactory) {
			return new WebServerSslBinder(reloader, sslBundles, appliers.orderedStream().toList(),
					(namespace) -> serverSsl(namespace, serverProperties.getIfAvailable(), beanFactory));
		}

		@Bean
		ApplicationListener<WebServerInitializedEvent> hotcertWebServerInitializedListener(WebServerSslBinder binder) {
			return (event) -> binder.bind(event.getWebServer(), event.getApplicationContext().getServerNamespace());
		}

		/**
		 * Return the SSL configuration that the web server of a namespace has of its own.
		 * A management server on its own port without {@code management.server.ssl} has
		 * none: the binder then gives it the main server's, as Spring Boot does.
		 */
		private static ServerSsl serverSsl(String namespace, ServerProperties serverProperties,
				ListableBeanFactory beanFactory) {
			if (ManagementServerSsl.NAMESPACE.equals(namespace)) {
				return ManagementServerSsl.get(beanFactory);
			}
			if (namespace != null || serverProperties == null || serverProperties.getSsl() == null) {
				return null;
			}
			return ServerSsl.of(serverProperties.getSsl(), BundleDiscovery.SERVER_SSL_BUNDLE_NAME);
		}

	}

}
