package io.github.hotcert.validation;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;

import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.source.KeyMaterial;
import io.github.hotcert.source.LoadedMaterial;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * Checks that the new material completes a TLS handshake in the role of its bundle, in
 * memory: nothing touches the network. For a server bundle, the server {@link SSLContext}
 * is built exactly as it will be published and shakes hands with a client that accepts
 * only the expected leaf certificate. For any other bundle with a key, the client
 * presents its certificate with the key managers exactly as they will be published, to a
 * server that requires a client certificate and accepts only the expected leaf; the
 * server uses the same certificate, so that no other key is needed.
 */
public class HandshakeCheck implements MaterialCheck {

	@Override
	public Check getCheck() {
		return Check.HANDSHAKE;
	}

	@Override
	public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		String location = location(material);
		String described = (location != null) ? "'" + location + "'" : "bundle '" + material.getBundleName() + "'";
		SslBundle bundle;
		SSLContext context;
		try {
			bundle = material.getSslBundle();
			context = bundle.createSslContext();
		}
		catch (RuntimeException ex) {
			return List.of(new Problem(location,
					"an SSL context cannot be built from the material in %s: %s".formatted(described, message(ex))));
		}
		KeyMaterial key = material.getKey();
		if (key == null) {
			return List.of();
		}
		boolean server = settings.isServer();
		try {
			if (server) {
				serverHandshake(context, bundle.getOptions(), key.leaf());
			}
			else {
				clientHandshake(bundle, key.leaf());
			}
			return List.of();
		}
		catch (GeneralSecurityException | SSLException | RuntimeException ex) {
			CertificateInfo leaf = CertificateInfo.of(key.leaf());
			return List
				.of(new Problem(location, "a TLS handshake %swith certificate %s serial %s from %s fails: %s".formatted(
						server ? "" : "as a client ", leaf.commonName(), leaf.serialNumber(), described, message(ex))));
		}
	}

	private void serverHandshake(SSLContext serverContext, SslOptions options, X509Certificate expectedLeaf)
			throws GeneralSecurityException, SSLException {
		SSLEngine server = serverEngine(serverContext, options);
		server.setNeedClientAuth(false);
		server.setWantClientAuth(false);
		SSLContext clientContext = SSLContext.getInstance("TLS");
		clientContext.init(null, new TrustManager[] { new ExpectedCertificateTrustManager(expectedLeaf) }, null);
		InMemoryHandshake.run(clientEngine(clientContext, server), server);
	}

	private void clientHandshake(SslBundle bundle, X509Certificate expectedLeaf)
			throws GeneralSecurityException, SSLException {
		KeyManager[] keyManagers = bundle.getManagers().getKeyManagers();
		TrustManager[] expected = { new ExpectedCertificateTrustManager(expectedLeaf) };
		SSLContext clientContext = SSLContext.getInstance(bundle.getProtocol());
		clientContext.init(keyManagers, expected, null);
		SSLContext serverContext = SSLContext.getInstance(bundle.getProtocol());
		serverContext.init(new KeyManager[] { new ClientKeyAsServerKey(keyManagers) }, expected, null);
		SSLEngine server = serverEngine(serverContext, bundle.getOptions());
		server.setNeedClientAuth(true);
		InMemoryHandshake.run(clientEngine(clientContext, server), server);
	}

	private static SSLEngine serverEngine(SSLContext context, SslOptions options) {
		SSLEngine server = context.createSSLEngine("localhost", 443);
		server.setUseClientMode(false);
		if (options.getEnabledProtocols() != null) {
			server.setEnabledProtocols(options.getEnabledProtocols());
		}
		if (options.getCiphers() != null) {
			server.setEnabledCipherSuites(options.getCiphers());
		}
		return server;
	}

	private static SSLEngine clientEngine(SSLContext context, SSLEngine server) {
		SSLEngine client = context.createSSLEngine("localhost", 443);
		client.setUseClientMode(true);
		client.setEnabledProtocols(server.getEnabledProtocols());
		return client;
	}

	private static String location(LoadedMaterial material) {
		KeyMaterial key = material.getKey();
		if (key != null) {
			return key.certificateLocation().describe();
		}
		return (material.getTrust() != null) ? material.getTrust().location().describe() : null;
	}

	private static String message(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		if (root != ex && root.getMessage() != null && !message.contains(root.getMessage())) {
			message = message + " (" + root.getMessage() + ")";
		}
		return message;
	}

	/**
	 * The server side of the client handshake: serves the certificate that the bundle's
	 * key manager chooses as a client, so that the server needs no key of its own.
	 */
	private static final class ClientKeyAsServerKey extends X509ExtendedKeyManager {

		private final X509ExtendedKeyManager delegate;

		ClientKeyAsServerKey(KeyManager[] keyManagers) {
			this.delegate = Arrays.stream(keyManagers)
				.filter(X509ExtendedKeyManager.class::isInstance)
				.map(X509ExtendedKeyManager.class::cast)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("the bundle has no X509 key manager"));
		}

		@Override
		public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
			return this.delegate.chooseEngineClientAlias(new String[] { keyType }, null, engine);
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			return this.delegate.chooseClientAlias(new String[] { keyType }, null, socket);
		}

		@Override
		public String[] getServerAliases(String keyType, Principal[] issuers) {
			return this.delegate.getClientAliases(keyType, null);
		}

		@Override
		public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
			return null;
		}

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			return null;
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			return this.delegate.getCertificateChain(alias);
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			return this.delegate.getPrivateKey(alias);
		}

	}

}
