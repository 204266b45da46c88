package io.github.hotcert.server;

import java.util.function.Consumer;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.Assert;

/**
 * One place where a web server serves a bundle: a connector or listener, for the default
 * host or one SNI host name.
 *
 * @param bundle the name of the bundle served
 * @param serverName the SNI host name, or {@code null} for the default host
 * @param description a description for reports, such as
 * {@code tomcat https port 8443 (default host)}
 * @param updater applies a new bundle, or {@code null} when the web server is updated
 * through Spring Boot's {@link org.springframework.boot.ssl.SslBundleRegistry} without
 * hotcert's help
 */
public record SslTarget(String bundle, String serverName, String description, Consumer<SslBundle> updater) {

	public SslTarget {
		Assert.hasText(bundle, "'bundle' must not be empty");
		Assert.hasText(description, "'description' must not be empty");
	}

}
