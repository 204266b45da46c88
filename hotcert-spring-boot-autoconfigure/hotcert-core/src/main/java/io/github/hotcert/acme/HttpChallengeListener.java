package io.github.hotcert.acme;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The plain HTTP listener that answers HTTP-01 challenges: {@code GET} (or {@code HEAD})
 * of {@code /.well-known/acme-challenge/<token>} gets the answer to a pending challenge,
 * or 404. Every other request is redirected to the same host and path over HTTPS on the
 * web server's port ({@code 301} for {@code GET} and {@code HEAD}, {@code 308} for the
 * other methods, which keeps them). Nothing of the application is reachable through it.
 * It is the JDK's own HTTP server, the same whatever web server the application runs, on
 * its own threads. An exchange that holds a thread for longer than
 * {@link #EXCHANGE_TIMEOUT}, such as that of a client that sends part of a request and
 * then nothing, is cut off, so that a few such clients cannot leave no thread to answer
 * the CA (many of them at once still delay its requests, which wait for a thread).
 */
final class HttpChallengeListener {

	static final String PATH = "/.well-known/acme-challenge/";

	/**
	 * How long one exchange may hold a thread, from when the thread takes it up (after
	 * its first byte came) to the end of the answer: answering a challenge takes
	 * milliseconds.
	 */
	static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(10);

	private static final int THREADS = 4;

	private static final Log logger = LogFactory.getLog(HttpChallengeListener.class);

	private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]");

	private final String address;

	private final int port;

	private final ChallengeResponses responses;

	private final IntSupplier httpsPort;

	private final String defaultHost;

	private final Duration exchangeTimeout;

	private HttpServer server;

	private ExchangeExecutor executor;

	/**
	 * Create a new {@link HttpChallengeListener}.
	 * @param address the address to bind, or {@code null} for every address
	 * @param port the port
	 * @param responses the answers to serve
	 * @param httpsPort the port that other requests are redirected to
	 * @param defaultHost the host of redirects of requests without a usable {@code Host}
	 * header
	 */
	HttpChallengeListener(String address, int port, ChallengeResponses responses, IntSupplier httpsPort,
			String defaultHost) {
		this(address, port, responses, httpsPort, defaultHost, EXCHANGE_TIMEOUT);
	}

	/**
	 * Create a new {@link HttpChallengeListener} for tests that cut off exchanges sooner.
	 * @param address the address to bind, or {@code null} for every address
	 * @param port the port
	 * @param responses the answers to serve
	 * @param httpsPort the port that other requests are redirected to
	 * @param defaultHost the host of redirects of requests without a usable {@code Host}
	 * header
	 * @param exchangeTimeout how long one exchange may hold a thread
	 */
	HttpChallengeListener(String address, int port, ChallengeResponses responses, IntSupplier httpsPort,
			String defaultHost, Duration exchangeTimeout) {
		this.address = address;
		this.port = port;
		this.responses = responses;
		this.httpsPort = httpsPort;
		this.defaultHost = defaultHost;
		this.exchangeTimeout = exchangeTimeout;
	}

	ChallengeResponses responses() {
		return this.responses;
	}

	/**
	 * Start listening.
	 * @throws UncheckedIOException if the port cannot be bound
	 */
	synchronized void start() {
		if (this.server != null) {
			return;
		}
		InetSocketAddress socket = (this.address != null) ? new InetSocketAddress(this.address, this.port)
				: new InetSocketAddress(this.port);
		try {
			this.server = HttpServer.create(socket, 50);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Unable to listen for ACME HTTP-01 challenges on %s: %s (set "
				.formatted(describe(), ex.getMessage())
					+ "hotcert.acme.bundle.<name>.http-challenge-port to a free port that the CA reaches as port 80)",
					ex);
		}
		this.executor = new ExchangeExecutor(this.exchangeTimeout);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
		logger
			.info("Answering ACME HTTP-01 challenges on %s; redirecting other requests to HTTPS".formatted(describe()));
	}

	/**
	 * Return the port listened on.
	 * @return the port, or {@code -1} when not listening
	 */
	synchronized int getPort() {
		return (this.server != null) ? this.server.getAddress().getPort() : -1;
	}

	synchronized void stop() {
		if (this.server != null) {
			this.server.stop(0);
			this.executor.shutdown();
			this.server = null;
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try {
			String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
			boolean read = method.equals("GET") || method.equals("HEAD");
			String path = exchange.getRequestURI().getRawPath();
			if (read && path != null && path.startsWith(PATH)) {
				answer(exchange, method, path.substring(PATH.length()));
			}
			else {
				redirect(exchange, read);
			}
		}
		finally {
			exchange.close();
		}
	}

	private void answer(HttpExchange exchange, String method, String token) throws IOException {
		String answer = this.responses.find(token);
		if (answer == null) {
			exchange.sendResponseHeaders(404, -1);
			return;
		}
		byte[] body = answer.getBytes(StandardCharsets.US_ASCII);
		exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
		if (method.equals("HEAD")) {
			exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
			exchange.sendResponseHeaders(200, -1);
			return;
		}
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private void redirect(HttpExchange exchange, boolean read) throws IOException {
		URI uri = exchange.getRequestURI();
		String path = (uri.getRawPath() != null && uri.getRawPath().startsWith("/")) ? uri.getRawPath() : "/";
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		int port = this.httpsPort.getAsInt();
		String location = "https://" + host(exchange.getRequestHeaders().get("Host"))
				+ ((port == 443 || port <= 0) ? "" : ":" + port) + path + query;
		exchange.getResponseHeaders().set("Location", location);
		exchange.sendResponseHeaders(read ? 301 : 308, -1);
	}

	private String host(List<String> hostHeaders) {
		if (hostHeaders == null || hostHeaders.size() != 1) {
			return this.defaultHost;
		}
		String host = hostHeaders.get(0).trim();
		int colon = host.lastIndexOf(':');
		if (colon > 0 && host.indexOf(']') < colon) {
			host = host.substring(0, colon);
		}
		return HOST.matcher(host).matches() ? host : this.defaultHost;
	}

	private String describe() {
		return "%s:%d".formatted((this.address != null) ? this.address : "*", this.port);
	}

	/**
	 * Runs the exchanges of the server on a few threads of its own, and interrupts an
	 * exchange that takes longer than the timeout. The JDK's server reads a request from
	 * its socket channel, which an interrupt closes: the exchange ends and its thread
	 * takes the next one. Without it, the server waits for the rest of a request forever.
	 */
	private static final class ExchangeExecutor implements Executor {

		private final Duration timeout;

		private final ThreadPoolExecutor threads;

		private final ScheduledThreadPoolExecutor deadlines;

		ExchangeExecutor(Duration timeout) {
			this.timeout = timeout;
			this.threads = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
					new LinkedBlockingQueue<>(), threadFactory("hotcert-acme-http-"));
			this.deadlines = new ScheduledThreadPoolExecutor(1, threadFactory("hotcert-acme-http-deadline-"));
			this.deadlines.setRemoveOnCancelPolicy(true);
		}

		private static ThreadFactory threadFactory(String prefix) {
			AtomicInteger count = new AtomicInteger();
			return (runnable) -> {
				Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			};
		}

		@Override
		public void execute(Runnable exchange) {
			this.threads.execute(() -> run(exchange));
		}

		private void run(Runnable exchange) {
			Deadline deadline = new Deadline(Thread.currentThread());
			ScheduledFuture<?> expiry = this.deadlines.schedule(deadline::expire, this.timeout.toNanos(),
					TimeUnit.NANOSECONDS);
			try {
				exchange.run();
			}
			finally {
				expiry.cancel(false);
				deadline.end();
			}
		}

		void shutdown() {
			this.deadlines.shutdownNow();
			this.threads.shutdownNow();
			try {
				this.threads.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		/**
		 * The deadline of one exchange: interrupts its thread only while the exchange
		 * runs.
		 */
		private final class Deadline {

			private final Thread thread;

			private boolean ended;

			Deadline(Thread thread) {
				this.thread = thread;
			}

			synchronized void expire() {
				if (!this.ended) {
					logger.debug("An HTTP request took longer than %d ms: closing its connection"
						.formatted(ExchangeExecutor.this.timeout.toMillis()));
					this.thread.interrupt();
				}
			}

			/**
			 * End the deadline, on the exchange's thread: an interrupt it made is cleared
			 * before the thread takes the next exchange.
			 */
			synchronized void end() {
				this.ended = true;
				Thread.interrupted();
			}

		}

	}

}
