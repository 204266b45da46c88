package io.github.hotcert.server.undertow;

import java.security.Provider;
import java.security.SecureRandom;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An SSL context that is built on its first use. A listener's SNI context needs one
 * context per host name: those of the host names whose bundle did not change are only
 * built when a handshake asks for them, so that a change of one host name costs the same
 * whatever the number of host names.
 */
final class DeferredSslContext extends SSLContext {

	/**
	 * Create a new {@link DeferredSslContext}.
	 * @param factory builds the context, once, on first use
	 * @param provider the provider that the built context will have
	 * @param protocol the protocol that the built context will have
	 */
	DeferredSslContext(Supplier<SSLContext> factory, Provider provider, String protocol) {
		super(new Spi(factory), provider, protocol);
	}

	private static final class Spi extends SSLContextSpi {

		private final Supplier<SSLContext> factory;

		private volatile SSLContext context;

		Spi(Supplier<SSLContext> factory) {
			this.factory = factory;
		}

		private SSLContext context() {
			SSLContext context = this.context;
			if (context == null) {
				synchronized (this) {
					context = this.context;
					if (context == null) {
						context = this.factory.get();
						this.context = context;
					}
				}
			}
			return context;
		}

		@Override
		protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random) {
			throw new UnsupportedOperationException("A deferred SSL context is built from its bundle");
		}

		@Override
		protected SSLSocketFactory engineGetSocketFactory() {
			return context().getSocketFactory();
		}

		@Override
		protected SSLServerSocketFactory engineGetServerSocketFactory() {
			return context().getServerSocketFactory();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine() {
			return context().createSSLEngine();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine(String host, int port) {
			return context().createSSLEngine(host, port);
		}

		@Override
		protected SSLSessionContext engineGetServerSessionContext() {
			return context().getServerSessionContext();
		}

		@Override
		protected SSLSessionContext engineGetClientSessionContext() {
			return context().getClientSessionContext();
		}

		@Override
		protected SSLParameters engineGetDefaultSSLParameters() {
			return context().getDefaultSSLParameters();
		}

		@Override
		protected SSLParameters engineGetSupportedSSLParameters() {
			return context().getSupportedSSLParameters();
		}

	}

}
