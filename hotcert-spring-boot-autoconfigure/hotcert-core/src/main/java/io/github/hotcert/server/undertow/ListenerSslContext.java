package io.github.hotcert.server.undertow;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import javax.net.ssl.SSLContext;

import io.github.hotcert.server.ServerSsl;
import io.undertow.Undertow.ListenerInfo;
import io.undertow.protocols.ssl.SNIContextMatcher;
import io.undertow.protocols.ssl.SNISSLContext;

import org.springframework.boot.ssl.SslBundle;

/**
 * The SSL context of one Undertow HTTPS listener, built the way Spring Boot builds it at
 * startup: the default bundle's context, and one context per SNI host name, behind an
 * {@link SNISSLContext}. When one bundle changes, only its context is built; the contexts
 * of the other host names are kept, and those not built by hotcert yet (unchanged since
 * startup) are {@link DeferredSslContext built from their served bundle} when a handshake
 * first asks for them. A change therefore costs the same whatever the number of host
 * names.
 */
final class ListenerSslContext {

	private final ListenerInfo listener;

	private final String description;

	private final ServerSsl ssl;

	private final Function<String, SslBundle> servedBundles;

	private SSLContext defaultContext;

	private final Map<String, SSLContext> serverNameContexts = new HashMap<>();

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
	 * made of the new bundle's context and the contexts of the other host names. Nothing
	 * changes if the new bundle's context cannot be built.
	 * @param serverName the SNI host name, or {@code null} for the default host
	 * @param bundle the new bundle
	 */
	synchronized void update(String serverName, SslBundle bundle) {
		SSLContext changed;
		SSLContext context;
		try {
			changed = bundle.createSslContext();
			context = createSslContext(serverName, changed);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(
					"Unable to create the SSL context of %s for %s: %s".formatted(this.description,
							(serverName != null) ? "host '" + serverName + "'" : "the default host", ex.getMessage()),
					ex);
		}
		this.listener.setSslContext(context);
		if (serverName != null) {
			this.serverNameContexts.put(serverName, changed);
		}
		else {
			this.defaultContext = changed;
		}
	}

	private SSLContext createSslContext(String serverName, SSLContext changed) {
		SNIContextMatcher.Builder builder = new SNIContextMatcher.Builder();
		builder.setDefaultContext((serverName != null) ? kept(null, this.ssl.defaultBundle(), changed) : changed);
		this.ssl.serverNameBundles()
			.forEach((name, bundleName) -> builder.addMatch(name,
					name.equals(serverName) ? changed : kept(name, bundleName, changed)));
		return new SNISSLContext(builder.build());
	}

	/**
	 * Return the context kept for a host name, or a context deferred until a handshake
	 * needs it for a host name whose bundle did not change since startup.
	 */
	private SSLContext kept(String serverName, String bundleName, SSLContext like) {
		SSLContext kept = (serverName != null) ? this.serverNameContexts.get(serverName) : this.defaultContext;
		if (kept == null) {
			kept = new DeferredSslContext(() -> this.servedBundles.apply(bundleName).createSslContext(),
					like.getProvider(), like.getProtocol());
			if (serverName != null) {
				this.serverNameContexts.put(serverName, kept);
			}
			else {
				this.defaultContext = kept;
			}
		}
		return kept;
	}

	@Override
	public String toString() {
		return "ListenerSslContext[" + this.description + "]";
	}

}
