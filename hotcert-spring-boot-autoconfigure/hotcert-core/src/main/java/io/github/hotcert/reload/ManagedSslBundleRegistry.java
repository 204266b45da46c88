package io.github.hotcert.reload;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.util.Assert;

/**
 * Spring Boot's {@link DefaultSslBundleRegistry}, through which hotcert sees every update
 * of the bundles it manages. An {@link #updateBundle update} of such a bundle, for
 * example by application code that installs a certificate fetched from a vault, goes to
 * hotcert instead of the update handlers: it is validated and recorded like any other
 * change, reaches the handlers only when it is accepted, and is refused with an exception
 * otherwise, while the previous bundle keeps serving. Updates of the other bundles,
 * registration and update handlers behave exactly as in {@link DefaultSslBundleRegistry}.
 */
public class ManagedSslBundleRegistry extends DefaultSslBundleRegistry {

	private final Map<String, Consumer<SslBundle>> interceptors = new ConcurrentHashMap<>();

	@Override
	public void updateBundle(String name, SslBundle updatedBundle) {
		Assert.notNull(name, "'name' must not be null");
		Assert.notNull(updatedBundle, "'updatedBundle' must not be null");
		Consumer<SslBundle> interceptor = this.interceptors.get(name);
		if (interceptor != null) {
			interceptor.accept(updatedBundle);
		}
		else {
			super.updateBundle(name, updatedBundle);
		}
	}

	/**
	 * Send the updates of a bundle to an interceptor instead of the update handlers.
	 * @param name the bundle name
	 * @param interceptor the interceptor
	 */
	void intercept(String name, Consumer<SslBundle> interceptor) {
		this.interceptors.put(name, interceptor);
	}

	/**
	 * Update a bundle and call its update handlers, as {@link SslBundleRegistry} does
	 * without hotcert: how hotcert publishes a bundle it accepted.
	 * @param name the bundle name
	 * @param bundle the new bundle
	 */
	void publish(String name, SslBundle bundle) {
		super.updateBundle(name, bundle);
	}

}
