package io.github.hotcert.server.undertow;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.github.hotcert.server.ServedBundles;
import io.github.hotcert.server.ServerSsl;
import io.github.hotcert.server.ServerSslApplier;
import io.github.hotcert.server.SslTarget;
import io.undertow.Undertow;
import io.undertow.Undertow.ListenerInfo;

import org.springframework.boot.web.server.WebServer;
import org.springframework.util.Assert;

/**
 * A {@link ServerSslApplier} for embedded Undertow. Undertow builds the SSL context of an
 * HTTPS listener once, at startup: one SNI-aware context from the default bundle and the
 * bundle of every SNI host name. A new bundle replaces the listener's context with one
 * built the same way, from the new bundle and the bundles the listener serves for the
 * other host names, so each host name reloads independently. Client authentication,
 * protocols and ciphers are options of the listener, not of the context: they are kept.
 * New connections use the new context; open connections keep theirs.
 */
public class UndertowSslApplier implements ServerSslApplier {

	private static final String HTTPS = "https";

	private final ServedBundles servedBundles;

	private final Function<WebServer, Undertow> undertow;

	/**
	 * Create a new {@link UndertowSslApplier}.
	 * @param servedBundles the bundles currently published, used for the host names whose
	 * bundle has not changed since startup
	 * @param undertow the started Undertow of a web server, or {@code null} when the web
	 * server is not a started embedded Undertow
	 */
	public UndertowSslApplier(ServedBundles servedBundles, Function<WebServer, Undertow> undertow) {
		Assert.notNull(servedBundles, "'servedBundles' must not be null");
		Assert.notNull(undertow, "'undertow' must not be null");
		this.servedBundles = servedBundles;
		this.undertow = undertow;
	}

	@Override
	public boolean supports(WebServer webServer) {
		return this.undertow.apply(webServer) != null;
	}

	@Override
	public List<SslTarget> getTargets(WebServer webServer, ServerSsl ssl) {
		Undertow undertow = this.undertow.apply(webServer);
		List<SslTarget> targets = new ArrayList<>();
		for (ListenerInfo listener : undertow.getListenerInfo()) {
			if (HTTPS.equals(listener.getProtcol())) {
				String prefix = "undertow https port " + port(listener);
				ListenerSslContext context = new ListenerSslContext(listener, prefix, ssl, this.servedBundles::get);
				targets.add(new SslTarget(ssl.defaultBundle(), null, prefix + " (default host)",
						(bundle) -> context.update(null, bundle)));
				ssl.serverNameBundles()
					.forEach((serverName, bundleName) -> targets.add(new SslTarget(bundleName, serverName,
							prefix + " (host " + serverName + ")", (bundle) -> context.update(serverName, bundle))));
			}
		}
		return targets;
	}

	private static int port(ListenerInfo listener) {
		return (listener.getAddress() instanceof InetSocketAddress address) ? address.getPort() : -1;
	}

}
