package io.github.hotcert.testsupport;

import java.nio.ByteBuffer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * A TLS handshake in memory between an engine of a client context and one of a server
 * context, always as the same client of the same server ({@code localhost:443}), so that
 * the client context resumes a session it cached when it can, as HTTP clients do.
 */
public final class MemoryHandshake {

	private MemoryHandshake() {
	}

	/**
	 * Shake hands.
	 * @param client the client context
	 * @param server the server context
	 * @param needClientAuth whether the server requires a client certificate
	 * @return the session the server has at the end
	 * @throws SSLException if the handshake fails
	 */
	public static SSLSession run(SSLContext client, SSLContext server, boolean needClientAuth) throws SSLException {
		SSLEngine clientEngine = client.createSSLEngine("localhost", 443);
		clientEngine.setUseClientMode(true);
		SSLEngine serverEngine = server.createSSLEngine();
		serverEngine.setUseClientMode(false);
		serverEngine.setNeedClientAuth(needClientAuth);
		int size = 64 * 1024;
		ByteBuffer toServer = ByteBuffer.allocate(size);
		ByteBuffer toClient = ByteBuffer.allocate(size);
		ByteBuffer application = ByteBuffer.allocate(size);
		clientEngine.beginHandshake();
		serverEngine.beginHandshake();
		for (int i = 0; i < 100 && !(isDone(clientEngine) && isDone(serverEngine)); i++) {
			step(clientEngine, toClient, toServer, application);
			step(serverEngine, toServer, toClient, application);
		}
		if (!isDone(clientEngine) || !isDone(serverEngine)) {
			throw new SSLException("The handshake did not complete");
		}
		// Messages after the handshake, such as a TLS 1.3 session ticket
		toClient.flip();
		while (toClient.hasRemaining()) {
			clientEngine.unwrap(toClient, application.clear());
		}
		return serverEngine.getSession();
	}

	private static void step(SSLEngine engine, ByteBuffer in, ByteBuffer out, ByteBuffer application)
			throws SSLException {
		for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
			task.run();
		}
		if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
			engine.wrap(ByteBuffer.allocate(0), out);
		}
		in.flip();
		while (in.hasRemaining() && engine.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
			engine.unwrap(in, application.clear());
			for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
				task.run();
			}
		}
		in.compact();
	}

	private static boolean isDone(SSLEngine engine) {
		HandshakeStatus status = engine.getHandshakeStatus();
		return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
	}

}
