package io.github.hotcert.server.tomcat;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.embedded.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Stops Spring Boot's own Tomcat update handler from being registered: it replaces the
 * connector's SSL host config with a new one built from the bundle alone, dropping any
 * customization of the host config. {@link TomcatSslApplier} updates the existing host
 * config in place instead. Runs after Spring Boot's customizer that sets the factory's
 * {@link SslBundles}.
 */
public class TomcatSslBundlesCustomizer
		implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	private static final Log logger = LogFactory.getLog(TomcatSslBundlesCustomizer.class);

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		if (factory instanceof AbstractConfigurableWebServerFactory configurable && configurable.getSslBundles() != null
				&& !(configurable.getSslBundles() instanceof UpdateHandlerSuppressingSslBundles)) {
			factory.setSslBundles(new UpdateHandlerSuppressingSslBundles(configurable.getSslBundles()));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * {@link SslBundles} that delegate everything but the registration of update
	 * handlers.
	 */
	static final class UpdateHandlerSuppressingSslBundles implements SslBundles {

		private final SslBundles delegate;

		UpdateHandlerSuppressingSslBundles(SslBundles delegate) {
			this.delegate = delegate;
		}

		@Override
		public SslBundle getBundle(String name) throws NoSuchSslBundleException {
			return this.delegate.getBundle(name);
		}

		@Override
		public void addBundleUpdateHandler(String name, Consumer<SslBundle> updateHandler)
				throws NoSuchSslBundleException {
			this.delegate.getBundle(name);
			logger.debug("Tomcat updates for SSL bundle '%s' are applied by hotcert".formatted(name));
		}

		@Override
		public void addBundleRegisterHandler(BiConsumer<String, SslBundle> registerHandler) {
			this.delegate.addBundleRegisterHandler(registerHandler);
		}

		@Override
		public List<String> getBundleNames() {
			return this.delegate.getBundleNames();
		}

	}

}
