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
	 * @return the current bundle, or {@code null} when its consumers built it themselves
	 * and it has not been {@link #adopt adopted} yet
	 */
	SslBundle getCurrent();

	/**
	 * Take the given bundle as the one in use, without calling the update handlers: at
	 * startup, when {@link #getCurrent()} is {@code null} because the consumers built the
	 * bundle from the same files themselves. Does nothing when the bundle in use is
	 * known.
	 * @param bundle the bundle in use
	 */
	void adopt(SslBundle bundle);

	/**
	 * Publish a new bundle to every update handler. A handler that fails stops the
	 * publication: the handlers after it are not called and nothing is undone. The caller
	 * rolls back by publishing the previous bundle again.
	 * @param bundle the new bundle
	 * @throws RuntimeException if an update handler fails
	 */
	void publish(SslBundle bundle);

	/**
	 * Return how many SSL contexts that follow this bundle (built by clients from the
	 * bundle that Spring Boot's registry hands out) have made a handshake and are still
	 * in use.
	 * @return the number of SSL contexts, {@code 0} when the bundle cannot be followed
	 */
	default int getSslContexts() {
		return 0;
	}

	/**
	 * Add a handler that is called with every published bundle.
	 * @param handler the handler
	 */
	void addUpdateHandler(Consumer<SslBundle> handler);

	/**
	 * Send the bundles that others publish under this bundle's name, such as application
	 * code that calls {@code SslBundleRegistry.updateBundle}, to the given interceptor
	 * instead of the update handlers: they reach the handlers only if the interceptor
	 * {@link #publish publishes} them. Does nothing when no one else can publish.
	 * @param interceptor the interceptor, which throws to refuse a bundle
	 */
	void interceptUpdates(Consumer<SslBundle> interceptor);

}
