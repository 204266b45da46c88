package io.github.hotcert.server.netty;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.github.hotcert.server.ServerSsl;
import io.github.hotcert.server.ServerSslApplier;
import io.github.hotcert.server.SslTarget;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.WebServer;
import org.springframework.util.StringUtils;

/**
 * A {@link ServerSslApplier} for Reactor Netty. Spring Boot registers its own update
 * handler for the bundle named by {@code server.ssl.bundle} and for the bundle of every
 * SNI host name: it builds a new SSL provider for new connections when hotcert publishes
 * new material through the registry. The targets are therefore reported without an
 * updater. A server configured with {@code server.ssl.*} properties instead of a bundle
 * has no such handler and cannot be updated: its target {@link SslTarget#cannotFollow
 * cannot follow reloads}, which is reported once at startup and, after new material is
 * published, as a required restart.
 */
public class NettySslApplier implements ServerSslApplier {

	private static final Log logger = LogFactory.getLog(NettySslApplier.class);

	private final Predicate<WebServer> netty;

	/**
	 * Create a new {@link NettySslApplier}.
	 * @param netty whether a web server is a Reactor Netty server (the web server classes
	 * differ between Spring Boot lines)
	 */
	public NettySslApplier(Predicate<WebServer> netty) {
		this.netty = netty;
	}

	@Override
	public boolean supports(WebServer webServer) {
		return this.netty.test(webServer);
	}

	@Override
	public List<SslTarget> getTargets(WebServer webServer, ServerSsl ssl) {
		String prefix = "reactor-netty https port " + webServer.getPort();
		List<SslTarget> targets = new ArrayList<>();
		if (StringUtils.hasText(ssl.ssl().getBundle())) {
			targets.add(new SslTarget(ssl.defaultBundle(), null, prefix + " (default host)", null));
		}
		else {
			logger.warn(("hotcert cannot apply reloaded certificates to the default host of %s: Reactor Netty "
					+ "updates its certificate only for an SSL bundle named by 'server.ssl.bundle', not for "
					+ "'server.ssl.*' key store or certificate properties; it keeps serving the certificate it "
					+ "started with until it is restarted")
				.formatted(prefix));
			targets.add(SslTarget.cannotFollow(ssl.defaultBundle(), null, prefix + " (default host)"));
		}
		ssl.serverNameBundles()
			.forEach((serverName, bundleName) -> targets
				.add(new SslTarget(bundleName, serverName, prefix + " (host " + serverName + ")", null)));
		return targets;
	}

}
