package io.github.hotcert.server.jetty;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.github.hotcert.server.ServerSsl;
import io.github.hotcert.server.ServerSslApplier;
import io.github.hotcert.server.SslTarget;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.web.server.WebServer;

/**
 * A {@link ServerSslApplier} for embedded Jetty. A new bundle's key store, trust store,
 * passwords and alias are set on the connector's existing {@link SslContextFactory} and
 * the factory is reloaded by Jetty ({@link SslContextFactory#reload}): every other
 * setting of the factory, such as client authentication, protocols and ciphers, is kept.
 * New connections use the new material; open connections keep theirs.
 */
public class JettySslApplier implements ServerSslApplier {

	private final Function<WebServer, Server> jetty;

	/**
	 * Create a new {@link JettySslApplier}.
	 * @param jetty the Jetty server of a web server, or {@code null} when the web server
	 * is not an embedded Jetty (the web server classes differ between Spring Boot lines)
	 */
	public JettySslApplier(Function<WebServer, Server> jetty) {
		this.jetty = jetty;
	}

	@Override
	public boolean supports(WebServer webServer) {
		return this.jetty.apply(webServer) != null;
	}

	@Override
	public List<SslTarget> getTargets(WebServer webServer, ServerSsl ssl) {
		List<SslTarget> targets = new ArrayList<>();
		for (Connector connector : this.jetty.apply(webServer).getConnectors()) {
			SslConnectionFactory connectionFactory = connector.getConnectionFactory(SslConnectionFactory.class);
			if (connectionFactory != null) {
				SslContextFactory.Server factory = connectionFactory.getSslContextFactory();
				String description = "jetty https port %d".formatted(port(connector));
				targets.add(new SslTarget(ssl.defaultBundle(), null, description + " (default host)",
						(bundle) -> update(factory, description, bundle)));
			}
		}
		return targets;
	}

	/**
	 * Apply a bundle to an SSL context factory and reload it. Jetty unloads the factory
	 * before it loads the new material: if it refuses the bundle, new handshakes on the
	 * connector fail until the previous bundle is applied again (see {@link SslTarget}).
	 * @param factory the SSL context factory of a connector
	 * @param description a description of the connector, for errors
	 * @param bundle the bundle to apply
	 */
	static void update(SslContextFactory.Server factory, String description, SslBundle bundle) {
		try {
			factory.reload((reloaded) -> apply(reloaded, bundle));
		}
		catch (Exception ex) {
			throw new IllegalStateException(
					"Jetty refused the new material on %s: %s".formatted(description, ex.getMessage()), ex);
		}
	}

	/**
	 * Set every setting that Spring Boot takes from a bundle's stores and key when it
	 * configures the factory, from this bundle alone.
	 */
	private static void apply(SslContextFactory factory, SslBundle bundle) {
		SslStoreBundle stores = bundle.getStores();
		SslBundleKey key = bundle.getKey();
		factory.setKeyStorePassword(stores.getKeyStorePassword());
		factory.setKeyManagerPassword(key.getPassword());
		factory.setCertAlias(key.getAlias());
		factory.setKeyStore(stores.getKeyStore());
		factory.setTrustStore(stores.getTrustStore());
	}

	private static int port(Connector connector) {
		return (connector instanceof NetworkConnector network) ? network.getLocalPort() : -1;
	}

}
