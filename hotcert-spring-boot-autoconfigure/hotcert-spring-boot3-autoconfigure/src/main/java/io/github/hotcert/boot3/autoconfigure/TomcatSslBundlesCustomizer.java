package io.github.hotcert.boot3.autoconfigure;

import io.github.hotcert.server.tomcat.UpdateHandlerSuppressingSslBundles;

import org.springframework.boot.web.embedded.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Gives a Tomcat web server factory {@link UpdateHandlerSuppressingSslBundles}, so that
 * hotcert's Tomcat applier alone updates its host configs. Runs after Spring Boot's
 * customizer that sets the factory's bundles.
 */
class TomcatSslBundlesCustomizer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		if (factory instanceof AbstractConfigurableWebServerFactory configurable) {
			factory.setSslBundles(UpdateHandlerSuppressingSslBundles.wrap(configurable.getSslBundles()));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
