package io.github.hotcert.validation;

import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Runs a TLS handshake in memory between a client and a server {@link SSLEngine}: each
 * engine's records are handed to the other until both are done. Nothing touches the
 * network.
 */
final class InMemoryHandshake {

	private static final int MAX_STEPS = 200;

	private InMemoryHandshake() {
	}

	/**
	 * Run the handshake.
	 * @param client the client engine
	 * @param server the server engine
	 * @throws SSLException if either engine fails the handshake, or it does not complete
	 */
	static void run(SSLEngine client, SSLEngine server) throws SSLException {
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

}
