package io.github.hotcert.follow;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.Assert;

/**
 * The {@link FollowingSslBundle following bundles} of a registry, one per bundle name,
 * created when a bundle is first asked for and kept in line with the bundle registered
 * under its name.
 */
public final class FollowingSslBundles {

	private final Function<String, SslBundle> registered;

	private final Map<String, FollowingSslBundle> bundles = new HashMap<>();

	/**
	 * Create a new {@link FollowingSslBundles}.
	 * @param registered returns the bundle registered under a name, or throws
	 * {@link NoSuchSslBundleException}
	 */
	public FollowingSslBundles(Function<String, SslBundle> registered) {
		Assert.notNull(registered, "'registered' must not be null");
		this.registered = registered;
	}

	/**
	 * Return the bundle to hand out under a name: the one following the bundle registered
	 * under it.
	 * @param name the bundle name
	 * @return the following bundle
	 * @throws NoSuchSslBundleException if no bundle has that name
	 */
	public SslBundle get(String name) throws NoSuchSslBundleException {
		synchronized (this.bundles) {
			FollowingSslBundle following = this.bundles.get(name);
			if (following == null) {
				following = new FollowingSslBundle(name, this.registered.apply(name));
				this.bundles.put(name, following);
			}
			return following;
		}
	}

	/**
	 * Return how many SSL contexts built from the bundle handed out under a name have
	 * made a handshake and are still in use.
	 * @param name the bundle name
	 * @return the number of SSL contexts, {@code 0} when no bundle was handed out
	 */
	public int getSslContexts(String name) {
		FollowingSslBundle following;
		synchronized (this.bundles) {
			following = this.bundles.get(name);
		}
		return (following != null) ? following.getSslContexts() : 0;
	}

	/**
	 * Make the bundle handed out under a name follow the given bundle. Does nothing when
	 * no bundle was handed out under that name yet: it will follow the bundle registered
	 * then.
	 * @param name the bundle name
	 * @param bundle the bundle to follow
	 * @throws IllegalStateException if the managers of the bundle cannot be built or
	 * followed; the bundle handed out still follows the bundle before then
	 */
	public void follow(String name, SslBundle bundle) {
		FollowingSslBundle following;
		synchronized (this.bundles) {
			following = this.bundles.get(name);
		}
		if (following != null) {
			following.follow(bundle);
		}
	}

}
