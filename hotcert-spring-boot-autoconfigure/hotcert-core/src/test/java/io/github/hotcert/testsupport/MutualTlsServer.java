package io.github.hotcert.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.github.hotcert.testsupport.TestCertificates.Issued;

/**
 * An HTTPS server on loopback that requires a client certificate from the CAs the test
 * gives it, for tests of TLS clients. It answers every request with the serial number of
 * the client's certificate (lower case hex) and closes the connection, so that every
 * request opens a new connection with a new handshake. Its own certificate can be
 * replaced, as a server that moves to another CA does: new connections get the new one
 * from a new SSL context, which resumes no session of the previous one.
 */
public final class MutualTlsServer implements AutoCloseable {

	private final HttpsServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(2);

	private final SwitchableContext context = new SwitchableContext();

	private final List<X509Certificate> clientAuthorities;

	private final List<String> clientSerials = new CopyOnWriteArrayList<>();

	private MutualTlsServer(Issued certificate, List<X509Certificate> clientAuthorities) throws IOException {
		this.clientAuthorities = List.copyOf(clientAuthorities);
		serve(certificate);
		this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setHttpsConfigurator(new HttpsConfigurator(this.context) {

			@Override
			public void configure(HttpsParameters parameters) {
				SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
				ssl.setNeedClientAuth(true);
				parameters.setSSLParameters(ssl);
			}

		});
		this.server.createContext("/", this::answer);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * Start a server.
	 * @param certificate the certificate it serves
	 * @param clientAuthorities the CAs whose client certificates it accepts
	 * @return the server
	 */
	public static MutualTlsServer start(Issued certificate, X509Certificate... clientAuthorities) {
		try {
			return new MutualTlsServer(certificate, List.of(clientAuthorities));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Serve another certificate to new connections.
	 * @param certificate the certificate
	 */
	public void serve(Issued certificate) {
		try {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(null);
			keyStore.setKeyEntry("server", certificate.keyPair().getPrivate(), "secret".toCharArray(),
					certificate.chain().toArray(X509Certificate[]::new));
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keyStore, "secret".toCharArray());
			KeyStore trustStore = KeyStore.getInstance("PKCS12");
			trustStore.load(null);
			for (int i = 0; i < this.clientAuthorities.size(); i++) {
				trustStore.setCertificateEntry("client-ca-" + i, this.clientAuthorities.get(i));
			}
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
			this.context.switchTo(context);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the URI of the server.
	 * @return the URI, {@code https://127.0.0.1:<port>/}
	 */
	public URI uri() {
		return URI.create("https://127.0.0.1:" + this.server.getAddress().getPort() + "/");
	}

	/**
	 * Return the serial numbers of the client certificates of every request, in order.
	 * @return the serial numbers
	 */
	public List<String> clientSerials() {
		return List.copyOf(this.clientSerials);
	}

	private void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			String serial = ((X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0])
				.getSerialNumber()
				.toString(16);
			this.clientSerials.add(serial);
			byte[] body = serial.getBytes(StandardCharsets.US_ASCII);
			exchange.getResponseHeaders().add("Connection", "close");
			exchange.getResponseHeaders().add("Content-Type", "text/plain");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * An SSL context whose engines come from the context served now.
	 */
	private static final class SwitchableContext extends SSLContext {

		private final Spi spi;

		SwitchableContext() {
			this(new Spi());
		}

		private SwitchableContext(Spi spi) {
			super(spi, null, "TLS");
			this.spi = spi;
		}

		void switchTo(SSLContext context) {
			this.spi.current = context;
		}

		private static final class Spi extends SSLContextSpi {

			private volatile SSLContext current;

			private SSLContext current() {
				return this.current;
			}

			@Override
			protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random) {
			}

			@Override
			protected SSLSocketFactory engineGetSocketFactory() {
				return current().getSocketFactory();
			}

			@Override
			protected SSLServerSocketFactory engineGetServerSocketFactory() {
				return current().getServerSocketFactory();
			}

			@Override
			protected SSLEngine engineCreateSSLEngine() {
				return current().createSSLEngine();
			}

			@Override
			protected SSLEngine engineCreateSSLEngine(String host, int port) {
				return current().createSSLEngine(host, port);
			}

			@Override
			protected SSLSessionContext engineGetServerSessionContext() {
				return current().getServerSessionContext();
			}

			@Override
			protected SSLSessionContext engineGetClientSessionContext() {
				return current().getClientSessionContext();
			}

			@Override
			protected SSLParameters engineGetDefaultSSLParameters() {
				return current().getDefaultSSLParameters();
			}

			@Override
			protected SSLParameters engineGetSupportedSSLParameters() {
				return current().getSupportedSSLParameters();
			}

		}

	}

}
