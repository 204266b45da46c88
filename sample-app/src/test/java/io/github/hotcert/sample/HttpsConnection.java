package io.github.hotcert.sample;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * One HTTPS connection to a loopback port, made with a new {@link SSLContext} so that its
 * handshake is a full one (the context has no session to resume) and the certificate it
 * reports is the one the server presents now. Sends HTTP/1.1 requests, one after the
 * other, and reads their responses.
 */
final class HttpsConnection implements Closeable {

	private final SSLSocket socket;

	private final InputStream input;

	private final OutputStream output;

	private final long handshakeStarted;

	private final long handshakeCompleted;

	private final String servedSerial;

	private HttpsConnection(SSLSocket socket, long handshakeStarted) throws IOException {
		this.socket = socket;
		this.handshakeStarted = handshakeStarted;
		socket.startHandshake();
		this.handshakeCompleted = System.nanoTime();
		X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
		this.servedSerial = served.getSerialNumber().toString(16);
		this.input = new BufferedInputStream(socket.getInputStream());
		this.output = socket.getOutputStream();
	}

	/**
	 * Connect to {@code 127.0.0.1} and complete a TLS handshake that checks the server's
	 * certificate chain and its name.
	 * @param port the port
	 * @param trustManagers trust managers that trust the server's authority
	 * @param timeout the connect and read timeout
	 * @return the connection, its handshake completed
	 * @throws IOException if the connection or the handshake fails
	 */
	static HttpsConnection open(int port, TrustManager[] trustManagers, Duration timeout) throws IOException {
		long started = System.nanoTime();
		SSLSocket socket = (SSLSocket) newContext(trustManagers).getSocketFactory().createSocket();
		try {
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			socket.setSSLParameters(parameters);
			socket.setSoTimeout((int) timeout.toMillis());
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
			return new HttpsConnection(socket, started);
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	/**
	 * Create trust managers that trust one certificate authority.
	 * @param authority the certificate of the authority
	 * @return the trust managers
	 */
	static TrustManager[] trusting(X509Certificate authority) {
		try {
			KeyStore trustStore = KeyStore.getInstance("PKCS12");
			trustStore.load(null);
			trustStore.setCertificateEntry("ca", authority);
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trustStore);
			return factory.getTrustManagers();
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Unable to trust " + authority.getSubjectX500Principal(), ex);
		}
	}

	private static SSLContext newContext(TrustManager[] trustManagers) throws IOException {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trustManagers, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("Unable to create an SSL context", ex);
		}
	}

	/**
	 * Return the serial number of the certificate the server presented in the handshake.
	 * @return the serial number, lower case hex
	 */
	String servedSerial() {
		return this.servedSerial;
	}

	/**
	 * Return when the connection started to be opened.
	 * @return the {@link System#nanoTime()} before connecting
	 */
	long handshakeStarted() {
		return this.handshakeStarted;
	}

	/**
	 * Return when the handshake completed.
	 * @return the {@link System#nanoTime()} after the handshake
	 */
	long handshakeCompleted() {
		return this.handshakeCompleted;
	}

	/**
	 * Send a {@code GET} request and read the whole response.
	 * @param path the path
	 * @param keepAlive whether to ask the server to keep the connection open
	 * @return the response
	 * @throws IOException if the request cannot be sent or the response read
	 */
	Response get(String path, boolean keepAlive) throws IOException {
		String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.socket.getPort() + "\r\nConnection: "
				+ (keepAlive ? "keep-alive" : "close") + "\r\n\r\n";
		this.output.write(request.getBytes(StandardCharsets.US_ASCII));
		this.output.flush();
		String statusLine = readLine();
		String[] status = statusLine.split(" ", 3);
		if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
			throw new IOException("Not an HTTP/1.1 status line: '" + statusLine + "'");
		}
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line = readLine(); !line.isEmpty(); line = readLine()) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
		}
		byte[] body;
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = readChunked();
		}
		else if (headers.containsKey("content-length")) {
			body = readExactly(Integer.parseInt(headers.get("content-length")));
		}
		else {
			body = this.input.readAllBytes();
		}
		return new Response(Integer.parseInt(status[1]), headers, new String(body, StandardCharsets.UTF_8));
	}

	private byte[] readChunked() throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int size = chunkSize(readLine()); size > 0; size = chunkSize(readLine())) {
			body.writeBytes(readExactly(size));
			readLine();
		}
		for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
			// Trailers are not used
		}
		return body.toByteArray();
	}

	private static int chunkSize(String line) {
		int extension = line.indexOf(';');
		return Integer.parseInt((extension >= 0) ? line.substring(0, extension).trim() : line.trim(), 16);
	}

	private byte[] readExactly(int length) throws IOException {
		byte[] bytes = this.input.readNBytes(length);
		if (bytes.length < length) {
			throw new EOFException("Connection closed after %d of %d bytes".formatted(bytes.length, length));
		}
		return bytes;
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int read = this.input.read(); read != '\n'; read = this.input.read()) {
			if (read == -1) {
				throw new EOFException("Connection closed by the server"
						+ ((line.size() > 0) ? " after '" + line.toString(StandardCharsets.US_ASCII) + "'" : ""));
			}
			if (read != '\r') {
				line.write(read);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * An HTTP response.
	 *
	 * @param status the status code
	 * @param headers the headers, by lower case name
	 * @param body the body
	 */
	record Response(int status, Map<String, String> headers, String body) {

		/**
		 * Return whether the server closes the connection after this response.
		 * @return whether the response has {@code Connection: close}
		 */
		boolean closesConnection() {
			return "close".equalsIgnoreCase(this.headers.get("connection"));
		}

	}

}
