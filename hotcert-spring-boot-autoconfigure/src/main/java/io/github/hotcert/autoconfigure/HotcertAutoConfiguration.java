package io.github.hotcert.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.LocalBundlePublisher;
import io.github.hotcert.reload.ManagedBundle;
import io.github.hotcert.reload.RegistryBundlePublisher;
import io.github.hotcert.reload.ReloadLifecycle;
import io.github.hotcert.reload.RetryScheduler;
import io.github.hotcert.server.ServerSsl;
import io.github.hotcert.server.ServerSslApplier;
import io.github.hotcert.server.WebServerSslBinder;
import io.github.hotcert.source.ContentReader;
import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.source.MaterialSources;
import io.github.hotcert.validation.ConfiguredValidationPolicy;
import io.github.hotcert.validation.ConfiguredValidationPolicy.BundleOverrides;
import io.github.hotcert.validation.MaterialValidator;
import io.github.hotcert.validation.ValidationPolicy;
import io.github.hotcert.validation.ValidationSettings;
import io.github.hotcert.watch.CertificateFileWatcher;
import io.github.hotcert.watch.SignalTrigger;
import io.github.hotcert.watch.WatchSettings;
import org.bouncycastle.openssl.PEMParser;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration for hotcert: watches the files of the configured SSL bundles and
 * publishes validated new material through Spring Boot's {@link SslBundleRegistry}.
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnClass(PEMParser.class)
@ConditionalOnBooleanProperty(name = "hotcert.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ HotcertProperties.class, SslProperties.class })
public class HotcertAutoConfiguration {

	/**
	 * The name hotcert gives to the bundle that a web server builds from its
	 * {@code server.ssl.*} properties when no {@code server.ssl.bundle} is set.
	 */
	public static final String SERVER_SSL_BUNDLE_NAME = "server.ssl";

	@Bean
	@ConditionalOnMissingBean
	MaterialSources hotcertMaterialSources(ResourceLoader resourceLoader, HotcertProperties properties) {
		ResourceLoader fileResourceLoader = ApplicationResourceLoader.get(resourceLoader, true);
		return new MaterialSources(fileResourceLoader,
				new ContentReader(fileResourceLoader, properties.getSource().getMaxFileSize()));
	}

	@Bean
	@ConditionalOnMissingBean
	ValidationPolicy hotcertValidationPolicy(HotcertProperties properties) {
		HotcertProperties.Validation validation = properties.getValidation();
		ValidationSettings settings = new ValidationSettings(validation.getClockSkew(),
				validation.getMinRemainingValidity(), validation.getRequiredHostnames(), validation.getMinRsaKeySize());
		Map<String, BundleOverrides> overrides = new LinkedHashMap<>();
		validation.getBundles()
			.forEach((name, bundle) -> overrides.put(name, new BundleOverrides(bundle.getChecks(),
					bundle.getMinRemainingValidity(), bundle.getRequiredHostnames())));
		return new ConfiguredValidationPolicy(validation.getChecks(), settings, overrides);
	}

	@Bean
	@ConditionalOnMissingBean
	MaterialValidator hotcertMaterialValidator(ValidationPolicy policy, ObjectProvider<Clock> clock) {
		return MaterialValidator.withDefaultChecks(clock.getIfAvailable(Clock::systemUTC), policy);
	}

	@Bean
	@ConditionalOnMissingBean
	CertificateReloader certificateReloader(MaterialSources materialSources, SslProperties sslProperties,
			ObjectProvider<ServerProperties> serverProperties, SslBundleRegistry sslBundleRegistry,
			SslBundles sslBundles, MaterialValidator validator, ApplicationEventPublisher eventPublisher,
			HotcertProperties properties, ObjectProvider<Clock> clock, ListableBeanFactory beanFactory,
			Environment environment) {
		int historySize = properties.getHistory().getSize();
		List<ManagedBundle> bundles = new ArrayList<>();
		materialSources.fromSslProperties(sslProperties)
			.forEach((source) -> bundles.add(new ManagedBundle(source,
					new RegistryBundlePublisher(source.getBundleName(), sslBundleRegistry, sslBundles), historySize)));
		ServerProperties server = serverProperties.getIfAvailable();
		MaterialSource serverSsl = (server != null)
				? materialSources.fromServerSsl(server.getSsl(), SERVER_SSL_BUNDLE_NAME, "server.ssl.") : null;
		if (serverSsl != null) {
			bundles.add(new ManagedBundle(serverSsl, new LocalBundlePublisher(SERVER_SSL_BUNDLE_NAME), historySize));
		}
		Ssl managementSsl = ManagementServerSsl.propertiesSsl(beanFactory, environment);
		MaterialSource managementServerSsl = (managementSsl != null) ? materialSources.fromServerSsl(managementSsl,
				ManagementServerSsl.PROPERTIES_BUNDLE_NAME, ManagementServerSsl.PROPERTIES_BUNDLE_NAME + ".") : null;
		if (managementServerSsl != null) {
			bundles.add(new ManagedBundle(managementServerSsl,
					new LocalBundlePublisher(ManagementServerSsl.PROPERTIES_BUNDLE_NAME), historySize));
		}
		return new CertificateReloader(bundles, validator, eventPublisher, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "hotcert.retry.enabled", matchIfMissing = true)
	RetryScheduler hotcertRetryScheduler(CertificateReloader reloader, HotcertProperties properties) {
		return new RetryScheduler(reloader, properties.getRetry().getInitialInterval(),
				properties.getRetry().getMaxInterval());
	}

	@Bean
	@ConditionalOnMissingBean
	CertificateFileWatcher certificateFileWatcher(HotcertProperties properties) {
		HotcertProperties.Watch watch = properties.getWatch();
		return new CertificateFileWatcher(new WatchSettings(watch.getMode(), watch.getQuietPeriod(), watch.getMaxWait(),
				watch.getPollInterval()));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("hotcert.signal.enabled")
	SignalTrigger hotcertSignalTrigger() {
		return new SignalTrigger();
	}

	@Bean
	@ConditionalOnMissingBean
	ReloadLifecycle hotcertReloadLifecycle(CertificateReloader reloader, CertificateFileWatcher watcher,
			ObjectProvider<SignalTrigger> signalTrigger) {
		return new ReloadLifecycle(reloader, watcher, signalTrigger.getIfAvailable());
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

		private static ServerSsl serverSsl(String namespace, ServerProperties serverProperties,
				ListableBeanFactory beanFactory) {
			if (ManagementServerSsl.NAMESPACE.equals(namespace)) {
				return ManagementServerSsl.get(beanFactory);
			}
			if (namespace != null || serverProperties == null || serverProperties.getSsl() == null) {
				return null;
			}
			return ServerSsl.of(serverProperties.getSsl(), SERVER_SSL_BUNDLE_NAME);
		}

	}

}
