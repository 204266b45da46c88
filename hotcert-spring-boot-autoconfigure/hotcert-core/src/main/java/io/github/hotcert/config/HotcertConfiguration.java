package io.github.hotcert.config;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ReloadLifecycle;
import io.github.hotcert.reload.RetryScheduler;
import io.github.hotcert.source.ContentReader;
import io.github.hotcert.source.MaterialSources;
import io.github.hotcert.validation.ConfiguredValidationPolicy;
import io.github.hotcert.validation.ConfiguredValidationPolicy.BundleOverrides;
import io.github.hotcert.validation.MaterialValidator;
import io.github.hotcert.validation.ValidationPolicy;
import io.github.hotcert.validation.ValidationSettings;
import io.github.hotcert.watch.CertificateFileWatcher;
import io.github.hotcert.watch.SignalTrigger;
import io.github.hotcert.watch.WatchSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * The beans of hotcert's pipeline that are the same on every Spring Boot line: reading,
 * validating, watching and retrying. Imported by each line's auto-configuration, which
 * adds the {@link CertificateReloader} built from what {@link BundleDiscovery} finds.
 */
@Configuration(proxyBeanMethods = false)
public class HotcertConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MaterialSources hotcertMaterialSources(ResourceLoader resourceLoader, HotcertProperties properties) {
		ResourceLoader fileResourceLoader = ApplicationResourceLoader.get(resourceLoader, true);
		return new MaterialSources(fileResourceLoader,
				new ContentReader(fileResourceLoader, properties.getSource().getMaxFileSize()));
	}

	@Bean
	@ConditionalOnMissingBean
	BundleDiscovery hotcertBundleDiscovery(MaterialSources materialSources, SslBundleRegistry sslBundleRegistry,
			SslBundles sslBundles, HotcertProperties properties) {
		return new BundleDiscovery(materialSources, sslBundleRegistry, sslBundles, properties.getHistory().getSize());
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
	@ConditionalOnBooleanProperty(name = "hotcert.retry.enabled", matchIfMissing = true)
	RetryScheduler hotcertRetryScheduler(CertificateReloader reloader, HotcertProperties properties) {
		return new RetryScheduler(reloader, properties.getRetry().getInitialInterval(),
				properties.getRetry().getMaxInterval());
	}

	@Bean
	@ConditionalOnMissingBean
	CertificateFileWatcher certificateFileWatcher(HotcertProperties properties, ObjectProvider<Clock> clock) {
		HotcertProperties.Watch watch = properties.getWatch();
		return new CertificateFileWatcher(
				new WatchSettings(watch.getMode(), watch.getQuietPeriod(), watch.getMaxWait(), watch.getPollInterval(),
						watch.getStallTimeout(), properties.getSource().getMaxFileSize()),
				clock.getIfAvailable(Clock::systemUTC));
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

}
