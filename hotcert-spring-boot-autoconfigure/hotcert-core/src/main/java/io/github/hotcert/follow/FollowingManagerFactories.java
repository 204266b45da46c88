package io.github.hotcert.follow;

import java.security.KeyStore;
import java.security.Provider;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;

/**
 * Key and trust manager factories that always return the following managers, for the
 * libraries that take factories rather than managers (Netty, and through it Reactor Netty
 * and Lettuce). Initializing them does nothing: they follow a bundle, not a key store.
 */
final class FollowingManagerFactories {

	private FollowingManagerFactories() {
	}

	static KeyManagerFactory keyManagerFactory(KeyManager keyManager, Provider provider, String algorithm) {
		return new FixedKeyManagerFactory(new FixedKeyManagerFactorySpi(keyManager), provider, algorithm);
	}

	static TrustManagerFactory trustManagerFactory(TrustManager trustManager, Provider provider, String algorithm) {
		return new FixedTrustManagerFactory(new FixedTrustManagerFactorySpi(trustManager), provider, algorithm);
	}

	private static final class FixedKeyManagerFactory extends KeyManagerFactory {

		FixedKeyManagerFactory(KeyManagerFactorySpi spi, Provider provider, String algorithm) {
			super(spi, provider, algorithm);
		}

	}

	private static final class FixedKeyManagerFactorySpi extends KeyManagerFactorySpi {

		private final KeyManager keyManager;

		FixedKeyManagerFactorySpi(KeyManager keyManager) {
			this.keyManager = keyManager;
		}

		@Override
		protected void engineInit(KeyStore keyStore, char[] password) {
		}

		@Override
		protected void engineInit(ManagerFactoryParameters parameters) {
		}

		@Override
		protected KeyManager[] engineGetKeyManagers() {
			return new KeyManager[] { this.keyManager };
		}

	}

	private static final class FixedTrustManagerFactory extends TrustManagerFactory {

		FixedTrustManagerFactory(TrustManagerFactorySpi spi, Provider provider, String algorithm) {
			super(spi, provider, algorithm);
		}

	}

	private static final class FixedTrustManagerFactorySpi extends TrustManagerFactorySpi {

		private final TrustManager trustManager;

		FixedTrustManagerFactorySpi(TrustManager trustManager) {
			this.trustManager = trustManager;
		}

		@Override
		protected void engineInit(KeyStore keyStore) {
		}

		@Override
		protected void engineInit(ManagerFactoryParameters parameters) {
		}

		@Override
		protected TrustManager[] engineGetTrustManagers() {
			return new TrustManager[] { this.trustManager };
		}

	}

}
