package io.github.hotcert.server;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ManagedBundle;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServer;

/**
 * Connects each started web server to the bundles it serves: finds the
 * {@link ServerSslApplier} for the server and registers its targets as consumers of the
 * managed bundles, so that every reload reaches the server. A server that no applier
 * supports, and a target that cannot follow reloads, are registered as consumers that
 * cannot follow: once new material is published, their bundle requires a restart.
 */
public class WebServerSslBinder {

	private static final Log logger = LogFactory.getLog(WebServerSslBinder.class);

	private final CertificateReloader reloader;

	private final SslBundles sslBundles;

	private final List<ServerSslApplier> appliers;

	private final Function<String, ServerSsl> serverSsl;

	private final Set<WebServer> bound = ConcurrentHashMap.newKeySet();

	/**
	 * Create a new {@link WebServerSslBinder}.
	 * @param reloader the reloader that owns the managed bundles
	 * @param sslBundles Spring Boot's SSL bundles
	 * @param appliers the appliers, one per kind of web server
	 * @param serverSsl the SSL configuration that the web server of a server namespace
	 * ({@code null} for the main server) has of its own, or {@code null} when it has none
	 */
	public WebServerSslBinder(CertificateReloader reloader, SslBundles sslBundles, List<ServerSslApplier> appliers,
			Function<String, ServerSsl> serverSsl) {
		this.reloader = reloader;
		this.sslBundles = sslBundles;
		this.appliers = List.copyOf(appliers);
		this.serverSsl = serverSsl;
	}

	/**
	 * Bind a web server that has just started to the managed bundles it serves. Called by
	 * each Spring Boot line when its web server initialized event is published.
	 * @param webServer the web server
	 * @param namespace the server namespace of its application context ({@code null} for
	 * the main server)
	 */
	public void bind(WebServer webServer, String namespace) {
		ServerSsl ssl = serverSsl(namespace);
		if (ssl == null || !Ssl.isEnabled(ssl.ssl()) || !this.bound.add(webServer)) {
			return;
		}
		ServerSslApplier applier = this.appliers.stream()
			.filter((candidate) -> candidate.supports(webServer))
			.findFirst()
			.orElse(null);
		if (applier == null) {
			logger.warn(("hotcert cannot apply reloaded certificates to the %s web server (%s): certificate files "
					+ "are still watched and validated, but this server keeps serving the certificate it started "
					+ "with until it is restarted")
				.formatted(describe(namespace), webServer.getClass().getName()));
			String description = "%s web server %s port %d".formatted(describe(namespace),
					webServer.getClass().getSimpleName(), webServer.getPort());
			bind(SslTarget.cannotFollow(ssl.defaultBundle(), null, description + " (default host)"));
			ssl.serverNameBundles()
				.forEach((serverName, bundleName) -> bind(
						SslTarget.cannotFollow(bundleName, serverName, description + " (host " + serverName + ")")));
			return;
		}
		for (SslTarget target : applier.getTargets(webServer, ssl)) {
			bind(target);
		}
	}

	/**
	 * Return the SSL configuration of the web server of a namespace. A server without SSL
	 * configuration of its own, such as the management server on its own port without
	 * {@code management.server.ssl.*}, is configured by Spring Boot like the main server
	 * ({@code server.ssl.*}), and serves the same bundles.
	 */
	private ServerSsl serverSsl(String namespace) {
		ServerSsl own = this.serverSsl.apply(namespace);
		return (own != null || namespace == null) ? own : this.serverSsl.apply(null);
	}

	private void bind(SslTarget target) {
		ManagedBundle bundle = this.reloader.getBundle(target.bundle());
		if (bundle != null) {
			bundle.markServedByWebServer();
			if (!target.followsReloads()) {
				bundle.addConsumerThatCannotFollow(target.description());
			}
			else if (target.updater() != null) {
				bundle.addConsumer(target.description(), target.updater());
			}
			else {
				bundle.addConsumer(target.description());
			}
			return;
		}
		if (target.updater() != null) {
			try {
				// Not watched by hotcert, but an update through the registry must still
				// reach the server
				this.sslBundles.addBundleUpdateHandler(target.bundle(), target.updater());
			}
			catch (NoSuchSslBundleException ex) {
				logger.debug("SSL bundle '%s' is not in the registry".formatted(target.bundle()));
			}
		}
	}

	private static String describe(String namespace) {
		return (namespace != null) ? namespace : "main";
	}

}
