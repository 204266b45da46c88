package io.github.hotcert.config;

import io.github.hotcert.server.ServerSsl;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementServerProperties;
import org.springframework.boot.web.server.Ssl;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The SSL configuration of the management server when it runs on its own port, from
 * {@code management.server.ssl.*}. Without those properties Spring Boot configures the
 * management server like the main server, from {@code server.ssl.*}, and
 * {@link io.github.hotcert.server.WebServerSslBinder} binds it to the main server's
 * bundles. Actuator is optional: its classes are used only when present.
 */
public final class ManagementServerSsl {

	/**
	 * The server namespace of the management server's application context.
	 */
	public static final String NAMESPACE = "management";

	/**
	 * The actuator class whose presence is checked.
	 */
	static final String ACTUATOR_CLASS = "org.springframework.boot.actuate.autoconfigure.web.server.ManagementServerProperties";

	private static final boolean PRESENT = ClassUtils.isPresent(ACTUATOR_CLASS,
			ManagementServerSsl.class.getClassLoader());

	private ManagementServerSsl() {
	}

	/**
	 * Return the SSL configuration of the management server.
	 * @param beanFactory the bean factory of the main application context
	 * @return the SSL configuration, or {@code null} when actuator is absent or the
	 * management server has no SSL configuration of its own
	 */
	public static ServerSsl get(ListableBeanFactory beanFactory) {
		return PRESENT ? Actuator.get(beanFactory) : null;
	}

	/**
	 * Return the {@code management.server.ssl.*} properties when the management server
	 * runs on its own port and builds its bundle from them.
	 * @param beanFactory the bean factory of the main application context
	 * @param environment the environment
	 * @return the SSL properties, or {@code null}
	 */
	public static Ssl propertiesSsl(ListableBeanFactory beanFactory, Environment environment) {
		return PRESENT ? Actuator.propertiesSsl(beanFactory, environment) : null;
	}

	/**
	 * Reads actuator's properties; loaded only when actuator is present.
	 */
	private static final class Actuator {

		static ServerSsl get(ListableBeanFactory beanFactory) {
			ManagementServerProperties properties = beanFactory.getBeanProvider(ManagementServerProperties.class)
				.getIfAvailable();
			return (properties != null && properties.getSsl() != null)
					? ServerSsl.of(properties.getSsl(), BundleDiscovery.MANAGEMENT_SSL_BUNDLE_NAME) : null;
		}

		static Ssl propertiesSsl(ListableBeanFactory beanFactory, Environment environment) {
			if (ManagementPortType.get(environment) != ManagementPortType.DIFFERENT) {
				return null;
			}
			ManagementServerProperties properties = beanFactory.getBeanProvider(ManagementServerProperties.class)
				.getIfAvailable();
			return (properties != null) ? properties.getSsl() : null;
		}

	}

}
