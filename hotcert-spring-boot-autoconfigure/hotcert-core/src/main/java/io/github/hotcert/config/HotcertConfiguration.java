package io.github.hotcert.config;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ReloadLifecycle;
import io.github.hotcert.reload.RestartRequiredLiveness;
import io.github.hotcert.reload.RetryScheduler;
import io.github.hotcert.reload.SslBundleRebinder;
import io.github.hotcert.source.ContentReader;
import io.github.hotcert.source.MaterialSources;
import io.github.hotcert.source.PropertyNames;
import io.github.hotcert.source.RegisteredMaterialSources;
import io.github.hotcert.validation.Check;
import io.github.hotcert.validation.ConfiguredValidationPolicy;
import io.github.hotcert.validation.ConfiguredValidationPolicy.BundleOverrides;
import io.github.hotcert.validation.MaterialValidator;
import io.github.hotcert.validation.Severity;
import io.github.hotcert.validation.ValidationPolicy;
import io.github.hotcert.validation.ValidationSettings;
import io.github.hotcert.watch.CertificateFileWatcher;
import io.github.hotcert.watch.SignalTrigger;
import io.github.hotcert.watch.WatchSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * The beans of hotcert's pipeline that are the same on every Spring Boot line: reading,
 * validating, watching, retrying and binding changed configuration again. Imported by
 * each line's auto-configuration, which adds the {@link CertificateReloader} built from
 * what {@link BundleDiscovery} finds.
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
			SslBundles sslBundles, HotcertProperties properties,
			ObjectProvider<RegisteredMaterialSources> registeredSources) {
		return new BundleDiscovery(materialSources, sslBundleRegistry, sslBundles, properties.getHistory().getSize(),
				() -> registeredSources.orderedStream().flatMap((each) -> each.getSources().stream()).toList());
	}

	@Bean
	@ConditionalOnMissingBean
	ValidationPolicy hotcertValidationPolicy(HotcertProperties properties) {
		HotcertProperties.Validation validation = properties.getValidation();
		refuseApply("hotcert.validation.checks", validation.getChecks());
		ValidationSettings settings = new ValidationSettings(validation.getClockSkew(),
				validation.getMinRemainingValidity(), validation.getRequiredHostnames(), validation.getMinRsaKeySize());
		Map<String, BundleOverrides> overrides = new LinkedHashMap<>();
		validation.getBundles().forEach((name, bundle) -> {
			refuseApply(PropertyNames.entry("hotcert.validation.bundles", name) + ".checks", bundle.getChecks());
			overrides.put(name, new BundleOverrides(bundle.getChecks(), bundle.getMinRemainingValidity(),
					bundle.getRequiredHostnames(), bundle.getRole()));
		});
		return new ConfiguredValidationPolicy(validation.getChecks(), settings, overrides);
	}

	/**
	 * Refuse a severity for {@link Check#APPLY}: it names a step, not a check. Material
	 * that the registry or a server refuses is always rejected, whatever is configured.
	 */
	private static void refuseApply(String prefix, Map<Check, Severity> checks) {
		Severity severity = checks.get(Check.APPLY);
		if (severity != null) {
			throw new InvalidConfigurationPropertyValueException(prefix + "." + Check.APPLY.id(),
					severity.name().toLowerCase(Locale.ROOT),
					"'apply' is not a check that can be configured: material that cannot be applied to the "
							+ "registry and the web servers is always rejected, and the last good material keeps serving. "
							+ "Remove the property");
		}
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
			ObjectProvider<SignalTrigger> signalTrigger, HotcertProperties properties,
			ApplicationEventPublisher eventPublisher) {
		return new ReloadLifecycle(reloader, watcher, signalTrigger.getIfAvailable(),
				properties.getStartup().getDelay(), eventPublisher);
	}

	@Bean
	@ConditionalOnMissingBean
	SslBundleRebinder hotcertSslBundleRebinder(CertificateReloader reloader, MaterialSources materialSources,
			Environment environment, ObjectProvider<ReloadLifecycle> lifecycle) {
		return new SslBundleRebinder(reloader, materialSources, environment, lifecycle.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("hotcert.restart.break-liveness")
	RestartRequiredLiveness hotcertRestartRequiredLiveness(CertificateReloader reloader,
			ApplicationEventPublisher eventPublisher) {
		return new RestartRequiredLiveness(reloader, eventPublisher);
	}

	/**
	 * Reloads the bundles whose configuration changed when Spring Cloud refreshes the
	 * environment, only when Spring Cloud is on the class path.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.cloud.context.environment.EnvironmentChangeEvent")
	@ConditionalOnBooleanProperty(name = "hotcert.refresh.enabled", matchIfMissing = true)
	static class SpringCloudRefreshConfiguration {

		@Bean
		ApplicationListener<EnvironmentChangeEvent> hotcertEnvironmentChangeListener(SslBundleRebinder rebinder) {
			return (event) -> rebinder.rebind(event.getKeys());
		}

	}

}
