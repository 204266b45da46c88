package io.github.hotcert.server.undertow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import javax.net.ssl.SSLContext;

import io.github.hotcert.server.ServerSsl;
import io.undertow.Undertow.ListenerInfo;
import io.undertow.protocols.ssl.SNIContextMatcher;
import io.undertow.protocols.ssl.SNISSLContext;

import org.springframework.boot.ssl.SslBundle;

/**
 * The SSL context of one Undertow HTTPS listener, rebuilt from the bundle of every host
 * name whenever one of them changes, the way Spring Boot builds it at startup: the
 * default bundle's context, and one context per SNI host name, behind an
 * {@link SNISSLContext}.
 */
final class ListenerSslContext {

	private final ListenerInfo listener;

	private final String description;

	private final ServerSsl ssl;

	private final Function<String, SslBundle> servedBundles;

	private SslBundle defaultBundle;

	private Map<String, SslBundle> serverNameBundles = Map.of();

	/**
	 * Create a new {@link ListenerSslContext}.
	 * @param listener the HTTPS listener
	 * @param description a description of the listener, for errors
	 * @param ssl the SSL configuration of the web server
	 * @param servedBundles the bundle currently published under a name, for the host
	 * names whose bundle did not change since startup
	 */
	ListenerSslContext(ListenerInfo listener, String description, ServerSsl ssl,
			Function<String, SslBundle> servedBundles) {
		this.listener = listener;
		this.description = description;
		this.ssl = ssl;
		this.servedBundles = servedBundles;
	}

	/**
	 * Serve a new bundle for one host name: replace the listener's SSL context with one
	 * built from it and from the bundles served for the other host names. Nothing changes
	 * if the context cannot be built.
	 * @param serverName the SNI host name, or {@code null} for the default host
	 * @param bundle the new bundle
	 */
	synchronized void update(String serverName, SslBundle bundle) {
		SslBundle defaultBundle;
		Map<String, SslBundle> serverNameBundles = new LinkedHashMap<>();
		SSLContext context;
		try {
			defaultBundle = (serverName != null) ? served(null, this.ssl.defaultBundle()) : bundle;
			this.ssl.serverNameBundles()
				.forEach((name, bundleName) -> serverNameBundles.put(name,
						name.equals(serverName) ? bundle : served(name, bundleName)));
			context = createSslContext(defaultBundle, serverNameBundles);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(
					"Unable to create the SSL context of %s for %s: %s".formatted(this.description,
							(serverName != null) ? "host '" + serverName + "'" : "the default host", ex.getMessage()),
					ex);
		}
		this.listener.setSslContext(context);
		this.defaultBundle = defaultBundle;
		this.serverNameBundles = serverNameBundles;
	}

	private SslBundle served(String serverName, String bundleName) {
		SslBundle applied = (serverName != null) ? this.serverNameBundles.get(serverName) : this.defaultBundle;
		return (applied != null) ? applied : this.servedBundles.apply(bundleName);
	}

	private static SSLContext createSslContext(SslBundle defaultBundle, Map<String, SslBundle> serverNameBundles) {
		SNIContextMatcher.Builder builder = new SNIContextMatcher.Builder();
		builder.setDefaultContext(defaultBundle.createSslContext());
		serverNameBundles.forEach((serverName, bundle) -> builder.addMatch(serverName, bundle.createSslContext()));
		return new SNISSLContext(builder.build());
	}

	@Override
	public String toString() {
		return "ListenerSslContext[" + this.description + "]";
	}

}
