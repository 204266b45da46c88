package io.github.hotcert.follow;

import java.util.function.Consumer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

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
 */
public final class FollowingSslBundle implements SslBundle {

	private final String name;

	private final FollowedMaterial material;

	private final SslManagerBundle managers;

	/**
	 * Create a new {@link FollowingSslBundle}.
	 * @param name the name of the bundle, for messages
	 * @param bundle the bundle to follow first
	 * @throws IllegalStateException if the managers of the bundle cannot be built or
	 * cannot be followed (its trust manager is not an
	 * {@link javax.net.ssl.X509ExtendedTrustManager})
	 */
	public FollowingSslBundle(String name, SslBundle bundle) {
		this(name, bundle, DelayedSweeps::schedule);
	}

	FollowingSslBundle(String name, SslBundle bundle, Consumer<Runnable> laterSweeps) {
		Assert.notNull(bundle, "'bundle' must not be null");
		this.name = name;
		this.material = new FollowedMaterial(name, unwrap(bundle), laterSweeps);
		ServedManagers first = this.material.current();
		KeyManagerFactory keyManagerFactory = first.keyManagerFactory();
		TrustManagerFactory trustManagerFactory = first.trustManagerFactory();
		this.managers = SslManagerBundle.of(
				FollowingManagerFactories.keyManagerFactory(new FollowingKeyManager(this.material),
						keyManagerFactory.getProvider(), keyManagerFactory.getAlgorithm()),
				FollowingManagerFactories.trustManagerFactory(new FollowingTrustManager(this.material),
						trustManagerFactory.getProvider(), trustManagerFactory.getAlgorithm()));
	}

	/**
	 * Follow another bundle: new handshakes of every SSL context built from this bundle
	 * use its material. Following the bundle followed now does nothing.
	 * @param bundle the bundle
	 * @throws IllegalStateException if the managers of the bundle cannot be built or
	 * followed; the bundle followed before is still followed then
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
		return this.material.current().bundle();
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

	@Override
	public SslManagerBundle getManagers() {
		return this.managers;
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
