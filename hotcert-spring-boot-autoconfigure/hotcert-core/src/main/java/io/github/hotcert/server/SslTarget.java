package io.github.hotcert.server;

import java.util.function.Consumer;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.Assert;

/**
 * One place where a web server serves a bundle: a connector or listener, for the default
 * host or one SNI host name.
 * <p>
 * The updater applies a bundle that hotcert has validated. It returns once the target
 * serves the bundle to new connections, or throws, naming the target, when the server
 * refuses it. When it throws, it does not restore anything itself: the rollback has one
 * owner, the reloader, which then publishes the previous bundle again to every consumer
 * of the bundle, this updater included. So an updater that fails must:
 * <ul>
 * <li>keep serving the previous material to new connections if it can (build the new SSL
 * context before swapping it in, as Tomcat and Undertow do; Jetty unloads its factory
 * first, so until the previous bundle is applied again its new handshakes fail);</li>
 * <li>leave the target in a state from which applying the previous bundle works;</li>
 * <li>set, from each bundle it is given, every setting it takes from a bundle (stores,
 * passwords, alias), {@code null} included, so that applying the previous bundle leaves
 * nothing of the refused one behind;</li>
 * <li>accept being called again with a bundle it served before.</li>
 * </ul>
 *
 * @param bundle the name of the bundle served
 * @param serverName the SNI host name, or {@code null} for the default host
 * @param description a description for reports, such as
 * {@code tomcat https port 8443 (default host)}
 * @param updater applies a new bundle as described above, or {@code null} when the web
 * server is updated through Spring Boot's
 * {@link org.springframework.boot.ssl.SslBundleRegistry} without hotcert's help, or
 * cannot be updated
 * @param followsReloads whether the target serves new material while the server runs; one
 * that does not keeps the material it started with until the application restarts
 */
public record SslTarget(String bundle, String serverName, String description, Consumer<SslBundle> updater,
		boolean followsReloads) {

	public SslTarget {
		Assert.hasText(bundle, "'bundle' must not be empty");
		Assert.hasText(description, "'description' must not be empty");
		Assert.isTrue(followsReloads || updater == null, "A target that cannot follow reloads has no updater");
	}

	/**
	 * Create a target that follows reloads: through the given updater, or through Spring
	 * Boot's registry when there is none.
	 * @param bundle the name of the bundle served
	 * @param serverName the SNI host name, or {@code null} for the default host
	 * @param description a description for reports
	 * @param updater applies a new bundle, or {@code null}
	 */
	public SslTarget(String bundle, String serverName, String description, Consumer<SslBundle> updater) {
		this(bundle, serverName, description, updater, true);
	}

	/**
	 * Create a target that cannot follow reloads: it serves the material it started with
	 * until the application restarts.
	 * @param bundle the name of the bundle served
	 * @param serverName the SNI host name, or {@code null} for the default host
	 * @param description a description for reports
	 * @return the target
	 */
	public static SslTarget cannotFollow(String bundle, String serverName, String description) {
		return new SslTarget(bundle, serverName, description, null, false);
	}

}
