package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Opens TLS connections to {@code 127.0.0.1} that trust only the benchmark's certificate
 * authority. Each connection gets a new {@link SSLContext}, so that no session is resumed
 * and every connection makes a full handshake.
 */
final class TlsClient {

	private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

	private static final int TIMEOUT_MILLIS = 10_000;

	private final TrustManager[] trustManagers;

	TlsClient(X509Certificate authority) {
		try {
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			trusted.load(null, null);
			trusted.setCertificateEntry("ca", authority);
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trusted);
			this.trustManagers = factory.getTrustManagers();
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Unable to trust the benchmark's certificate authority", ex);
		}
	}

	/**
	 * Connect to a port of {@code 127.0.0.1} and complete a full handshake.
	 * @param port the port
	 * @return the connected socket, its handshake done
	 * @throws IOException if the connection or the handshake fails
	 */
	SSLSocket connect(int port) throws IOException {
		return connect(port, null);
	}

	/**
	 * Connect to a port of {@code 127.0.0.1} and complete a full handshake, asking for a
	 * host name.
	 * @param port the port
	 * @param serverName the SNI host name to send, or {@code null} for none
	 * @return the connected socket, its handshake done
	 * @throws IOException if the connection or the handshake fails
	 */
	SSLSocket connect(int port, String serverName) throws IOException {
		SSLSocket socket = (SSLSocket) newContext().getSocketFactory().createSocket();
		if (serverName != null) {
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setServerNames(List.of(new SNIHostName(serverName)));
			socket.setSSLParameters(parameters);
		}
		try {
			socket.connect(new InetSocketAddress(LOOPBACK, port), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			socket.setTcpNoDelay(true);
			socket.startHandshake();
			return socket;
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	/**
	 * Make a new connection with a full handshake and read the serial number of the
	 * certificate the server presents.
	 * @param port the port
	 * @return the serial number of the server's certificate
	 * @throws IOException if the connection or the handshake fails
	 */
	BigInteger servedSerial(int port) throws IOException {
		return servedSerial(port, null);
	}

	/**
	 * Make a new connection with a full handshake for a host name and read the serial
	 * number of the certificate the server presents.
	 * @param port the port
	 * @param serverName the SNI host name, or {@code null} for none
	 * @return the serial number of the server's certificate
	 * @throws IOException if the connection or the handshake fails
	 */
	BigInteger servedSerial(int port, String serverName) throws IOException {
		try (SSLSocket socket = connect(port, serverName)) {
			return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
		}
	}

	/**
	 * Make a new connection with a full handshake, and close it.
	 * @param port the port
	 * @throws IOException if the connection or the handshake fails
	 */
	void handshake(int port) throws IOException {
		connect(port).close();
	}

	private SSLContext newContext() {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, this.trustManagers, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Unable to create an SSL context", ex);
		}
	}

}
