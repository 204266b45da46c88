package io.github.hotcert.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Free ports for servers that tests start in another process, which must be told their
 * port. The kernel may give the same ephemeral port to two sockets bound one after the
 * other, so each port is handed out once per JVM: two servers of one test never get the
 * same port.
 */
public final class FreePorts {

	private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

	private FreePorts() {
	}

	/**
	 * Return a port that is free now and that no other caller in this JVM was given.
	 * @return the port
	 */
	public static int next() {
		while (true) {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			if (handedOut.add(port)) {
				return port;
			}
		}
	}

}
