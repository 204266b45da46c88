package io.github.hotcert.reload;

import java.util.function.Consumer;

import org.springframework.boot.ssl.SslBundle;

/**
 * Makes a new {@link SslBundle} available to the components that use it: Spring Boot's
 * {@link org.springframework.boot.ssl.SslBundleRegistry} for configured bundles, or
 * hotcert's own handlers for bundles that are not in the registry.
 */
public interface BundlePublisher {

	/**
	 * Return the bundle currently published.
	 * @return the current bundle, or {@code null} when none is known yet
	 */
	SslBundle getCurrent();

	/**
	 * Publish a new bundle to every update handler.
	 * @param bundle the new bundle
	 * @throws RuntimeException if an update handler fails; handlers after it are not
	 * called
	 */
	void publish(SslBundle bundle);

	/**
	 * Add a handler that is called with every published bundle.
	 * @param handler the handler
	 */
	void addUpdateHandler(Consumer<SslBundle> handler);

}
