package io.github.hotcert.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * A TLS client for tests. Every connection uses a new {@link SSLContext}, so no session
 * is ever resumed: each connection is a full handshake that shows the certificate the
 * server serves now. Connects to loopback only.
 */
public final class TlsClient {

	private static final String HOST = "127.0.0.1";

	private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

	private final String serverName;

	private final KeyManager[] keyManagers;

	private final String[] protocols;

	private TlsClient(String serverName, KeyManager[] keyManagers, String[] protocols) {
		this.serverName = serverName;
		this.keyManagers = keyManagers;
		this.protocols = protocols;
	}

	public static TlsClient create() {
		return new TlsClient(null, null, null);
	}

	/**
	 * A client that sends the given host name with SNI.
	 */
	public TlsClient withServerName(String serverName) {
		return new TlsClient(serverName, this.keyManagers, this.protocols);
	}

	/**
	 * A client that offers only the given protocols.
	 */
	public TlsClient withProtocols(String... protocols) {
		return new TlsClient(this.serverName, this.keyManagers, protocols);
	}

	/**
	 * A client that presents the given certificate when the server asks for one.
	 */
	public TlsClient withClientCertificate(TestCertificates.Issued issued) {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null);
			store.setKeyEntry("client", issued.keyPair().getPrivate(), "secret".toCharArray(),
					issued.chain().toArray(X509Certificate[]::new));
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(store, "secret".toCharArray());
			return new TlsClient(this.serverName, factory.getKeyManagers(), this.protocols);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Open a new connection, complete a handshake and return the server's leaf
	 * certificate.
	 */
	public X509Certificate servedCertificate(int port) throws IOException {
		try (SSLSocket socket = open(port)) {
			return (X509Certificate) socket.getSession().getPeerCertificates()[0];
		}
	}

	/**
	 * Open a new connection, complete a handshake and return the chain the server sends,
	 * leaf first.
	 */
	public List<X509Certificate> servedChain(int port) throws IOException {
		try (SSLSocket socket = open(port)) {
			return java.util.Arrays.stream(socket.getSession().getPeerCertificates())
				.map(X509Certificate.class::cast)
				.toList();
		}
	}

	public String servedSerial(int port) throws IOException {
		return servedCertificate(port).getSerialNumber().toString(16);
	}

	/**
	 * Wait until a new connection sees a certificate that matches, and return it. Every
	 * look is a new connection; a failed handshake ends the wait.
	 */
	public X509Certificate awaitServed(int port, Predicate<X509Certificate> condition, Duration timeout)
			throws IOException {
		AtomicReference<X509Certificate> last = new AtomicReference<>();
		try {
			return await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL_INTERVAL).until(() -> {
				last.set(servedCertificate(port));
				return last.get();
			}, condition);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Timed out after %s; last served certificate had serial %s".formatted(timeout,
					(last.get() != null) ? last.get().getSerialNumber().toString(16) : null), ex);
		}
	}

	public X509Certificate awaitSerial(int port, String serialHex, Duration timeout) throws IOException {
		return awaitServed(port, (certificate) -> certificate.getSerialNumber().toString(16).equals(serialHex),
				timeout);
	}

	/**
	 * Send one request on a new connection.
	 */
	public Response get(int port, String path) throws IOException {
		try (Connection connection = connect(port)) {
			return connection.get(path);
		}
	}

	/**
	 * Open a keep-alive connection.
	 */
	public Connection connect(int port) throws IOException {
		return new Connection(open(port), (this.serverName != null) ? this.serverName : "localhost");
	}

	private SSLSocket open(int port) throws IOException {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(this.keyManagers, new TrustManager[] { new TrustEverything() }, null);
			SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(HOST, port);
			socket.setSoTimeout(10_000);
			if (this.protocols != null) {
				socket.setEnabledProtocols(this.protocols);
			}
			if (this.serverName != null) {
				SSLParameters parameters = socket.getSSLParameters();
				parameters.setServerNames(List.of(new SNIHostName(this.serverName)));
				socket.setSSLParameters(parameters);
			}
			socket.startHandshake();
			return socket;
		}
		catch (IOException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IOException(ex);
		}
	}

	/**
	 * An HTTP/1.1 response.
	 */
	public record Response(int status, String body) {

	}

	/**
	 * A keep-alive HTTP/1.1 connection over TLS.
	 */
	public static final class Connection implements AutoCloseable {

		private final SSLSocket socket;

		private final InputStream in;

		private final OutputStream out;

		private final String host;

		Connection(SSLSocket socket, String host) throws IOException {
			this.socket = socket;
			this.host = host;
			this.in = socket.getInputStream();
			this.out = socket.getOutputStream();
		}

		public String cipherSuite() {
			return this.socket.getSession().getCipherSuite();
		}

		public X509Certificate peerCertificate() throws IOException {
			return (X509Certificate) this.socket.getSession().getPeerCertificates()[0];
		}

		public Response get(String path) throws IOException {
			this.out.write(("GET " + path + " HTTP/1.1\r\nHost: " + this.host + "\r\nConnection: keep-alive\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			this.out.flush();
			String statusLine = readLine();
			if (statusLine == null) {
				throw new IOException("Connection closed before a response");
			}
			int status = Integer.parseInt(statusLine.split(" ")[1]);
			int contentLength = -1;
			boolean chunked = false;
			String line;
			while ((line = readLine()) != null && !line.isEmpty()) {
				String lower = line.toLowerCase(Locale.ROOT);
				if (lower.startsWith("content-length:")) {
					contentLength = Integer.parseInt(line.substring(15).trim());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
			}
			byte[] body = chunked ? readChunked() : this.in.readNBytes(Math.max(contentLength, 0));
			return new Response(status, new String(body, StandardCharsets.UTF_8));
		}

		private byte[] readChunked() throws IOException {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			while (true) {
				String sizeLine = readLine();
				int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
				if (size == 0) {
					readLine();
					return body.toByteArray();
				}
				body.write(this.in.readNBytes(size));
				readLine();
			}
		}

		private String readLine() throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = this.in.read()) != -1) {
				if (b == '\n') {
					break;
				}
				if (b != '\r') {
					line.write(b);
				}
			}
			if (b == -1 && line.size() == 0) {
				return null;
			}
			return line.toString(StandardCharsets.US_ASCII);
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

	/**
	 * Tests check the served certificate themselves.
	 */
	private static final class TrustEverything extends X509ExtendedTrustManager {

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
