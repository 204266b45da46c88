package io.github.hotcert.server;

import java.util.List;

import org.springframework.boot.web.server.WebServer;

/**
 * Applies reloaded SSL bundles to one kind of embedded web server, through the
 * {@link SslTarget#updater() updaters} of its targets. An updater that fails throws and
 * restores nothing: hotcert rolls back by applying the previous bundle again, as
 * {@link SslTarget} describes.
 */
public interface ServerSslApplier {

	/**
	 * Return whether this applier can update the given web server.
	 * @param webServer the web server
	 * @return whether the web server is supported
	 */
	boolean supports(WebServer webServer);

	/**
	 * Return the TLS targets of the given web server: one per bundle it serves (the
	 * default bundle and one per SNI host name).
	 * @param webServer the web server, {@link #supports(WebServer) supported} by this
	 * applier
	 * @param ssl the SSL configuration of the web server
	 * @return the targets
	 */
	List<SslTarget> getTargets(WebServer webServer, ServerSsl ssl);

}
