package io.github.hotcert.follow;

import java.util.function.Consumer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.github.hotcert.logging.LogFields;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.util.Assert;

/**
 * An {@link SslBundle} that follows another: its stores, key, options and protocol are
 * those of the bundle followed now, and its {@link #getManagers() managers} delegate to
 * the managers of the bundle followed now. An {@link SSLContext} built from it, by
 * {@link #createSslContext()} or from its managers, uses new material on its next
 * handshake without being rebuilt; connections already open keep their session, and the
 * sessions cached before are invalidated, so that a new connection never resumes one.
 * Each handshake reads the material followed once, with one volatile read.
 * <p>
 * The managers are built when they are first asked for: a consumer that reads only the
 * stores costs nothing more than the bundle followed. When the managers of the bundle
 * followed then cannot be followed, those of the bundle followed are handed out, as
 * Spring Boot does: an SSL context built from them keeps its material.
 */
public final class FollowingSslBundle implements SslBundle {

	private static final Log logger = LogFactory.getLog(FollowingSslBundle.class);

	private final String name;

	private final FollowedMaterial material;

	private final Object monitor = new Object();

	private volatile SslManagerBundle managers;

	private volatile boolean unfollowable;

	/**
	 * Create a new {@link FollowingSslBundle}.
	 * @param name the name of the bundle, for messages
	 * @param bundle the bundle to follow first
	 */
	public FollowingSslBundle(String name, SslBundle bundle) {
		this(name, bundle, DelayedSweeps::schedule);
	}

	FollowingSslBundle(String name, SslBundle bundle, Consumer<Runnable> laterSweeps) {
		Assert.notNull(bundle, "'bundle' must not be null");
		this.name = name;
		this.material = new FollowedMaterial(name, unwrap(bundle), laterSweeps);
	}

	/**
	 * Follow another bundle: new handshakes of every SSL context built from this bundle
	 * use its material. Following the bundle followed now does nothing.
	 * @param bundle the bundle
	 * @throws IllegalStateException if the managers are in use and those of the bundle
	 * cannot be built or followed; the bundle followed before is still followed then
	 */
	public void follow(SslBundle bundle) {
		Assert.notNull(bundle, "'bundle' must not be null");
		this.material.follow(unwrap(bundle));
	}

	/**
	 * Return the bundle followed now.
	 * @return the bundle followed
	 */
	public SslBundle getFollowed() {
		return this.material.followed();
	}

	/**
	 * Return how many SSL contexts built from this bundle, by a client or by a server at
	 * startup, have made a handshake and are still in use (not yet garbage collected):
	 * each of them follows this bundle.
	 * @return the number of SSL contexts
	 */
	public int getSslContexts() {
		return this.material.sslContexts();
	}

	@Override
	public SslStoreBundle getStores() {
		return getFollowed().getStores();
	}

	@Override
	public SslBundleKey getKey() {
		return getFollowed().getKey();
	}

	@Override
	public SslOptions getOptions() {
		return getFollowed().getOptions();
	}

	@Override
	public String getProtocol() {
		return getFollowed().getProtocol();
	}

	/**
	 * Return managers that follow the bundle followed, built the first time they are
	 * asked for, or the managers of the bundle followed when they cannot be followed.
	 * @return the managers
	 */
	@Override
	public SslManagerBundle getManagers() {
		SslManagerBundle managers = this.managers;
		if (managers != null) {
			return managers;
		}
		if (!this.unfollowable) {
			synchronized (this.monitor) {
				if (this.managers == null && !this.unfollowable) {
					this.managers = following();
				}
				if (this.managers != null) {
					return this.managers;
				}
			}
		}
		return getFollowed().getManagers();
	}

	private SslManagerBundle following() {
		ServedManagers first;
		try {
			first = this.material.current();
		}
		catch (RuntimeException ex) {
			this.unfollowable = true;
			LogFields.bundle(this.name)
				.info(logger, ("SSL bundle '%s' cannot be followed (%s): an SSL context built from it keeps its "
						+ "material when the bundle is updated")
					.formatted(this.name, ex.getMessage()));
			return null;
		}
		KeyManagerFactory keyManagerFactory = first.keyManagerFactory();
		TrustManagerFactory trustManagerFactory = first.trustManagerFactory();
		return SslManagerBundle.of(
				FollowingManagerFactories.keyManagerFactory(new FollowingKeyManager(this.material),
						keyManagerFactory.getProvider(), keyManagerFactory.getAlgorithm()),
				FollowingManagerFactories.trustManagerFactory(new FollowingTrustManager(this.material),
						trustManagerFactory.getProvider(), trustManagerFactory.getAlgorithm()));
	}

	/**
	 * Return the bundle a bundle follows, or the bundle itself when it follows none.
	 * @param bundle a bundle
	 * @return the bundle it stands for
	 */
	public static SslBundle unwrap(SslBundle bundle) {
		return (bundle instanceof FollowingSslBundle following) ? following.getFollowed() : bundle;
	}

	@Override
	public String toString() {
		return "FollowingSslBundle[" + this.name + ", " + getFollowed() + "]";
	}

}
