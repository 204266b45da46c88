package io.github.hotcert.validation;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.source.KeyMaterial;
import io.github.hotcert.source.LoadedMaterial;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * Checks that the new material completes a TLS handshake: builds the server
 * {@link SSLContext} exactly as it will be published, and runs a handshake in memory
 * between a server {@link SSLEngine} and a client {@link SSLEngine} that accepts only the
 * expected leaf certificate. Nothing touches the network.
 */
public class HandshakeCheck implements MaterialCheck {

	private static final int MAX_STEPS = 200;

	@Override
	public Check getCheck() {
		return Check.HANDSHAKE;
	}

	@Override
	public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		String location = location(material);
		String described = (location != null) ? "'" + location + "'" : "bundle '" + material.getBundleName() + "'";
		SslBundle bundle;
		SSLContext serverContext;
		try {
			bundle = material.getSslBundle();
			serverContext = bundle.createSslContext();
		}
		catch (RuntimeException ex) {
			return List.of(new Problem(location,
					"an SSL context cannot be built from the material in %s: %s".formatted(described, message(ex))));
		}
		KeyMaterial key = material.getKey();
		if (key == null) {
			return List.of();
		}
		try {
			handshake(serverContext, bundle.getOptions(), key.leaf());
			return List.of();
		}
		catch (GeneralSecurityException | SSLException | RuntimeException ex) {
			return List.of(new Problem(location,
					"a TLS handshake with certificate %s serial %s from %s fails: %s".formatted(
							CertificateInfo.of(key.leaf()).commonName(), CertificateInfo.of(key.leaf()).serialNumber(),
							described, message(ex))));
		}
	}

	private void handshake(SSLContext serverContext, SslOptions options, X509Certificate expectedLeaf)
			throws GeneralSecurityException, SSLException {
		SSLEngine server = serverContext.createSSLEngine("localhost", 443);
		server.setUseClientMode(false);
		server.setNeedClientAuth(false);
		server.setWantClientAuth(false);
		if (options.getEnabledProtocols() != null) {
			server.setEnabledProtocols(options.getEnabledProtocols());
		}
		if (options.getCiphers() != null) {
			server.setEnabledCipherSuites(options.getCiphers());
		}
		SSLContext clientContext = SSLContext.getInstance("TLS");
		clientContext.init(null, new TrustManager[] { new ExpectedLeafTrustManager(expectedLeaf) }, null);
		SSLEngine client = clientContext.createSSLEngine("localhost", 443);
		client.setUseClientMode(true);
		client.setEnabledProtocols(server.getEnabledProtocols());
		run(client, server);
	}

	private void run(SSLEngine client, SSLEngine server) throws SSLException {
		int packetSize = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
		int applicationSize = Math.max(client.getSession().getApplicationBufferSize(),
				server.getSession().getApplicationBufferSize());
		ByteBuffer clientToServer = ByteBuffer.allocate(packetSize);
		ByteBuffer serverToClient = ByteBuffer.allocate(packetSize);
		ByteBuffer clientApplication = ByteBuffer.allocate(applicationSize);
		ByteBuffer serverApplication = ByteBuffer.allocate(applicationSize);
		ByteBuffer empty = ByteBuffer.allocate(0);
		client.beginHandshake();
		server.beginHandshake();
		for (int step = 0; step < MAX_STEPS; step++) {
			if (isDone(client) && isDone(server)) {
				return;
			}
			wrap(client, empty, clientToServer);
			wrap(server, empty, serverToClient);
			unwrap(server, clientToServer, serverApplication);
			unwrap(client, serverToClient, clientApplication);
		}
		throw new SSLException("the handshake did not complete");
	}

	private static boolean isDone(SSLEngine engine) {
		HandshakeStatus status = engine.getHandshakeStatus();
		return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
	}

	private static void wrap(SSLEngine engine, ByteBuffer source, ByteBuffer destination) throws SSLException {
		if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
			SSLEngineResult result = engine.wrap(source, destination);
			runTasks(engine, result);
		}
	}

	private static void unwrap(SSLEngine engine, ByteBuffer source, ByteBuffer destination) throws SSLException {
		source.flip();
		try {
			while (source.hasRemaining() && engine.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
				SSLEngineResult result = engine.unwrap(source, destination);
				runTasks(engine, result);
				if (result.getStatus() != SSLEngineResult.Status.OK) {
					break;
				}
			}
		}
		finally {
			source.compact();
		}
		if (engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
			runDelegatedTasks(engine);
		}
	}

	private static void runTasks(SSLEngine engine, SSLEngineResult result) {
		if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
			runDelegatedTasks(engine);
		}
	}

	private static void runDelegatedTasks(SSLEngine engine) {
		Runnable task;
		while ((task = engine.getDelegatedTask()) != null) {
			task.run();
		}
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
	 * A client trust manager that accepts exactly the expected server certificate: the
	 * handshake proves the server side of the new material, not its trust chain.
	 */
	private static final class ExpectedLeafTrustManager extends X509ExtendedTrustManager {

		private final X509Certificate expected;

		ExpectedLeafTrustManager(X509Certificate expected) {
			this.expected = expected;
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			if (chain == null || chain.length == 0 || !this.expected.equals(chain[0])) {
				throw new CertificateException("the server presented a different certificate");
			}
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			checkServerTrusted(chain, authType);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			checkServerTrusted(chain, authType);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			throw new CertificateException("not used for client certificates");
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			checkClientTrusted(chain, authType);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			checkClientTrusted(chain, authType);
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
