package io.github.hotcert.follow;

import java.util.Arrays;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;

/**
 * The key and trust managers of one bundle that a {@link FollowingSslBundle} followed:
 * one generation, numbered in the order they were followed. The aliases that the
 * {@link FollowingKeyManager} hands out carry the generation, so that the key and the
 * certificate chain of one handshake always come from the same material.
 */
final class ServedManagers {

	private static final String ALIAS_PREFIX = "hotcert:";

	private final long generation;

	private final SslBundle bundle;

	private final KeyManagerFactory keyManagerFactory;

	private final X509ExtendedKeyManager keyManager;

	private final TrustManagerFactory trustManagerFactory;

	private final X509ExtendedTrustManager trustManager;

	private final String aliasPrefix;

	private ServedManagers(long generation, SslBundle bundle, KeyManagerFactory keyManagerFactory,
			X509ExtendedKeyManager keyManager, TrustManagerFactory trustManagerFactory,
			X509ExtendedTrustManager trustManager) {
		this.generation = generation;
		this.bundle = bundle;
		this.keyManagerFactory = keyManagerFactory;
		this.keyManager = keyManager;
		this.trustManagerFactory = trustManagerFactory;
		this.trustManager = trustManager;
		this.aliasPrefix = ALIAS_PREFIX + generation + ":";
	}

	/**
	 * Build the managers of a bundle once, for every handshake until the next bundle is
	 * followed.
	 * @param name the name of the bundle, for messages
	 * @param generation the number of this generation
	 * @param bundle the bundle
	 * @return the managers
	 * @throws IllegalStateException if the managers cannot be built or cannot be followed
	 */
	static ServedManagers of(String name, long generation, SslBundle bundle) {
		SslManagerBundle managers = bundle.getManagers();
		KeyManagerFactory keyManagerFactory = managers.getKeyManagerFactory();
		TrustManagerFactory trustManagerFactory = managers.getTrustManagerFactory();
		KeyManager[] keyManagers = keyManagerFactory.getKeyManagers();
		TrustManager[] trustManagers = trustManagerFactory.getTrustManagers();
		X509ExtendedKeyManager keyManager = Arrays.stream(keyManagers)
			.filter(X509ExtendedKeyManager.class::isInstance)
			.map(X509ExtendedKeyManager.class::cast)
			.findFirst()
			.orElse(null);
		if (keyManager == null) {
			throw new IllegalStateException(
					"SSL bundle '%s' has no X509ExtendedKeyManager (%s)".formatted(name, Arrays.toString(keyManagers)));
		}
		X509TrustManager trustManager = Arrays.stream(trustManagers)
			.filter(X509TrustManager.class::isInstance)
			.map(X509TrustManager.class::cast)
			.findFirst()
			.orElse(null);
		if (!(trustManager instanceof X509ExtendedTrustManager extended)) {
			// The JDK adds host name and algorithm checks around a plain
			// X509TrustManager:
			// a delegating X509ExtendedTrustManager would lose them
			throw new IllegalStateException("SSL bundle '%s' has no X509ExtendedTrustManager (%s)".formatted(name,
					Arrays.toString(trustManagers)));
		}
		return new ServedManagers(generation, bundle, keyManagerFactory, keyManager, trustManagerFactory, extended);
	}

	long generation() {
		return this.generation;
	}

	SslBundle bundle() {
		return this.bundle;
	}

	KeyManagerFactory keyManagerFactory() {
		return this.keyManagerFactory;
	}

	TrustManagerFactory trustManagerFactory() {
		return this.trustManagerFactory;
	}

	X509ExtendedKeyManager keyManager() {
		return this.keyManager;
	}

	X509ExtendedTrustManager trustManager() {
		return this.trustManager;
	}

	/**
	 * Return the alias to hand out for an alias of this generation's key manager.
	 * @param alias the alias of the key manager, or {@code null}
	 * @return the alias that names this generation too, or {@code null}
	 */
	String alias(String alias) {
		return (alias != null) ? this.aliasPrefix + alias : null;
	}

	/**
	 * Return the aliases to hand out for aliases of this generation's key manager.
	 * @param aliases the aliases of the key manager, or {@code null}
	 * @return the aliases that name this generation too, or {@code null}
	 */
	String[] aliases(String[] aliases) {
		return (aliases != null) ? Arrays.stream(aliases).map(this::alias).toArray(String[]::new) : null;
	}

	/**
	 * Return the generation an alias handed out by {@link #alias(String)} names.
	 * @param alias the alias
	 * @return the generation, or {@code -1} when the alias was not handed out by a
	 * generation
	 */
	static long generationOf(String alias) {
		if (alias == null || !alias.startsWith(ALIAS_PREFIX)) {
			return -1;
		}
		int end = alias.indexOf(':', ALIAS_PREFIX.length());
		if (end <= ALIAS_PREFIX.length()) {
			return -1;
		}
		try {
			return Long.parseLong(alias, ALIAS_PREFIX.length(), end, 10);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * Return the alias of this generation's key manager for an alias handed out by
	 * {@link #alias(String)}.
	 * @param alias the alias handed out
	 * @return the alias of the key manager
	 */
	String delegateAlias(String alias) {
		return alias.substring(this.aliasPrefix.length());
	}

}
