package io.github.hotcert.config;

import io.github.hotcert.reload.ManagedSslBundleRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Boot's SSL bundle registry, created the way {@link SslAutoConfiguration} creates
 * it but as a {@link ManagedSslBundleRegistry}, so that updates of the bundles hotcert
 * manages, whoever makes them, are validated and reported. Imported by each line's
 * auto-configuration that runs before {@link SslAutoConfiguration}, whose own registry
 * then backs off; like it, this one backs off when the application defines a registry.
 */
@Configuration(proxyBeanMethods = false)
public class HotcertSslBundleRegistryConfiguration {

	@Bean
	@ConditionalOnMissingBean({ SslBundleRegistry.class, SslBundles.class })
	ManagedSslBundleRegistry sslBundleRegistry(ObjectProvider<SslBundleRegistrar> sslBundleRegistrars) {
		ManagedSslBundleRegistry registry = new ManagedSslBundleRegistry();
		sslBundleRegistrars.orderedStream().forEach((registrar) -> registrar.registerBundles(registry));
		return registry;
	}

}
