package io.github.hotcert.reload;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.github.hotcert.follow.FollowingSslBundle;
import io.github.hotcert.follow.FollowingSslBundles;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.util.Assert;

/**
 * Spring Boot's {@link DefaultSslBundleRegistry}, through which hotcert sees every update
 * of the bundles it manages, and whose bundles follow their updates.
 * <p>
 * An {@link #updateBundle update} of a managed bundle, for example by application code
 * that installs a certificate fetched from a vault, goes to hotcert instead of the update
 * handlers: it is validated and recorded like any other change, reaches the handlers only
 * when it is accepted, and is refused with an exception otherwise, while the previous
 * bundle keeps serving. Updates of the other bundles, registration and update handlers
 * behave exactly as in {@link DefaultSslBundleRegistry}.
 * <p>
 * {@link #getBundle(String)} hands out a {@link FollowingSslBundle}: every SSL context
 * built from it (a REST or data client, say) uses the material of each update on its next
 * handshake. As in Spring Boot, the bundle handed out is the updated one while the update
 * handlers run; when one of them refuses a bundle that hotcert publishes, hotcert
 * publishes the previous bundle again, which the bundle handed out then follows again.
 */
public class ManagedSslBundleRegistry extends DefaultSslBundleRegistry {

	private static final Log logger = LogFactory.getLog(ManagedSslBundleRegistry.class);

	private final Map<String, Consumer<SslBundle>> interceptors = new ConcurrentHashMap<>();

	private final FollowingSslBundles following = new FollowingSslBundles(this::getPublished);

	/**
	 * Return the bundle registered under a name, as a {@link FollowingSslBundle} that
	 * follows its updates (whose managers are those of the bundle registered, when they
	 * cannot be followed).
	 * @param name the bundle name
	 * @return the bundle
	 * @throws NoSuchSslBundleException if no bundle has that name
	 */
	@Override
	public SslBundle getBundle(String name) throws NoSuchSslBundleException {
		Assert.notNull(name, "'name' must not be null");
		return this.following.get(name);
	}

	@Override
	public void updateBundle(String name, SslBundle updatedBundle) {
		Assert.notNull(name, "'name' must not be null");
		Assert.notNull(updatedBundle, "'updatedBundle' must not be null");
		SslBundle bundle = FollowingSslBundle.unwrap(updatedBundle);
		Consumer<SslBundle> interceptor = this.interceptors.get(name);
		if (interceptor != null) {
			interceptor.accept(bundle);
			return;
		}
		try {
			this.following.follow(name, bundle);
		}
		catch (RuntimeException ex) {
			logger.warn("SSL bundle '%s' is updated, but SSL contexts built from it keep the material they have: %s"
				.formatted(name, ex.getMessage()));
		}
		super.updateBundle(name, bundle);
		followAgain(name, bundle);
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
	 * Make the bundle handed out follow a bundle, then update it and call its update
	 * handlers, as {@link SslBundleRegistry} does without hotcert: how hotcert publishes
	 * a bundle it accepted.
	 * @param name the bundle name
	 * @param bundle the new bundle
	 * @throws RuntimeException if the SSL contexts built from the bundle cannot follow it
	 * (nothing is updated then), or if an update handler fails; the caller rolls back by
	 * publishing the previous bundle again
	 */
	void publish(String name, SslBundle bundle) {
		this.following.follow(name, bundle);
		super.updateBundle(name, bundle);
		followAgain(name, bundle);
	}

	/**
	 * Make the bundle handed out follow a bundle just updated once more: one first handed
	 * out while the update handlers ran was made from the previous bundle.
	 */
	private void followAgain(String name, SslBundle bundle) {
		try {
			this.following.follow(name, bundle);
		}
		catch (RuntimeException ex) {
			// Reported when the bundle was first followed
		}
	}

	/**
	 * Return how many SSL contexts built from the bundle handed out under a name have
	 * made a handshake and are still in use.
	 * @param name the bundle name
	 * @return the number of SSL contexts
	 */
	int getSslContexts(String name) {
		return this.following.getSslContexts(name);
	}

	/**
	 * Return the bundle published under a name, not the one that follows it: the bundle
	 * to publish again to roll back.
	 * @param name the bundle name
	 * @return the bundle published
	 * @throws NoSuchSslBundleException if no bundle has that name
	 */
	SslBundle getPublished(String name) throws NoSuchSslBundleException {
		return super.getBundle(name);
	}

}
