package io.github.hotcert.sample;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.TrustManager;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * HTTPS requests to {@code GET /} sent from several threads until stopped. Half the
 * threads keep a connection open for many requests (until the server closes it), half
 * open a new connection with a full handshake for every request. Every request and every
 * failure (an exception or a status other than 200) is counted, and the certificate the
 * server presented on every handshake is recorded.
 */
final class HttpsLoad implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Duration KEEP_ALIVE_PAUSE = Duration.ofMillis(10);

	private static final Duration NEW_CONNECTION_PAUSE = Duration.ofMillis(5);

	private static final int MAX_FAILURES_KEPT = 20;

	private final int port;

	private final TrustManager[] trustManagers;

	private final List<Thread> threads = new ArrayList<>();

	private final long started = System.nanoTime();

	private volatile boolean running = true;

	private final AtomicLong keepAliveRequests = new AtomicLong();

	private final AtomicLong newConnectionRequests = new AtomicLong();

	private final AtomicLong keepAliveConnections = new AtomicLong();

	private final AtomicLong keepAliveConnectionsAcrossChange = new AtomicLong();

	private final AtomicLong mostRequestsOnOneConnection = new AtomicLong();

	private final AtomicLong failureCount = new AtomicLong();

	private final Queue<String> failures = new ConcurrentLinkedQueue<>();

	private final Queue<Handshake> handshakes = new ConcurrentLinkedQueue<>();

	private final Map<String, Long> firstServed = new ConcurrentHashMap<>();

	private volatile long lastNewSerialServed;

	private HttpsLoad(int port, X509Certificate authority, int threadsOfEachKind) {
		this.port = port;
		this.trustManagers = HttpsConnection.trusting(authority);
		for (int i = 1; i <= threadsOfEachKind; i++) {
			this.threads.add(new Thread(this::sendOnKeepAliveConnections, "https-load-keep-alive-" + i));
			this.threads.add(new Thread(this::sendOnNewConnections, "https-load-new-connection-" + i));
		}
	}

	/**
	 * Start sending requests.
	 * @param port the HTTPS port on {@code 127.0.0.1}
	 * @param authority the authority that issues the server's certificates
	 * @param threadsOfEachKind how many threads keep connections alive, and how many open
	 * a new connection for each request
	 * @return the running load
	 */
	static HttpsLoad start(int port, X509Certificate authority, int threadsOfEachKind) {
		HttpsLoad load = new HttpsLoad(port, authority, threadsOfEachKind);
		load.threads.forEach(Thread::start);
		return load;
	}

	/**
	 * Wait until a handshake made after the given time is served the certificate with the
	 * given serial number.
	 * @param serial the serial number, lower case hex
	 * @param since the {@link System#nanoTime()} the certificate was written
	 * @param timeout how long to wait
	 * @return the {@link System#nanoTime()} when that handshake completed
	 * @throws AssertionError if no handshake is served that certificate in time
	 */
	long awaitServed(String serial, long since, Duration timeout) {
		try {
			return await().atMost(timeout)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(2))
				.until(() -> this.firstServed.get(serial), (served) -> served != null && served >= since);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("No handshake was served certificate serial %s within %s (%d handshakes so far)"
				.formatted(serial, timeout, this.handshakes.size()), ex);
		}
	}

	/**
	 * Return how many handshakes started after the given time.
	 * @param nanoTime a {@link System#nanoTime()}
	 * @return the number of handshakes
	 */
	long handshakesStartedAfter(long nanoTime) {
		return this.handshakes.stream().filter((handshake) -> handshake.started() > nanoTime).count();
	}

	/**
	 * Stop sending requests and wait for every thread to finish its request.
	 * @return what was sent and what was served
	 * @throws InterruptedException if interrupted
	 */
	Report stop() throws InterruptedException {
		this.running = false;
		for (Thread thread : this.threads) {
			thread.join(TIMEOUT.toMillis() * 2);
			if (thread.isAlive()) {
				thread.interrupt();
				recordFailure(thread.getName() + " did not finish its request after " + TIMEOUT.multipliedBy(2));
			}
		}
		return new Report(this.keepAliveRequests.get(), this.newConnectionRequests.get(),
				this.keepAliveConnections.get(), this.keepAliveConnectionsAcrossChange.get(),
				this.mostRequestsOnOneConnection.get(), this.failureCount.get(), List.copyOf(this.failures),
				List.copyOf(this.handshakes), Duration.ofNanos(System.nanoTime() - this.started));
	}

	@Override
	public void close() throws InterruptedException {
		if (this.running) {
			stop();
		}
	}

	private void sendOnKeepAliveConnections() {
		while (this.running) {
			HttpsConnection connection = open("keep-alive");
			if (connection == null) {
				continue;
			}
			this.keepAliveConnections.incrementAndGet();
			long requests = 0;
			boolean acrossChange = false;
			try (connection) {
				boolean open = true;
				while (this.running && open) {
					HttpsConnection.Response response = connection.get("/", true);
					this.keepAliveRequests.incrementAndGet();
					requests++;
					check("keep-alive", response);
					if (!acrossChange && this.lastNewSerialServed > connection.handshakeCompleted()) {
						acrossChange = true;
						this.keepAliveConnectionsAcrossChange.incrementAndGet();
					}
					open = !response.closesConnection();
					pause(KEEP_ALIVE_PAUSE);
				}
			}
			catch (IOException | RuntimeException ex) {
				this.keepAliveRequests.incrementAndGet();
				recordFailure("keep-alive request %d on a connection served %s: %s".formatted(requests + 1,
						connection.servedSerial(), ex));
			}
			this.mostRequestsOnOneConnection.accumulateAndGet(requests, Math::max);
		}
	}

	private void sendOnNewConnections() {
		while (this.running) {
			HttpsConnection connection = open("new-connection");
			if (connection == null) {
				continue;
			}
			try (connection) {
				HttpsConnection.Response response = connection.get("/", false);
				this.newConnectionRequests.incrementAndGet();
				check("new-connection", response);
			}
			catch (IOException | RuntimeException ex) {
				this.newConnectionRequests.incrementAndGet();
				recordFailure("new-connection request on a connection served %s: %s"
					.formatted(connection.servedSerial(), ex));
			}
			pause(NEW_CONNECTION_PAUSE);
		}
	}

	private HttpsConnection open(String kind) {
		try {
			HttpsConnection connection = HttpsConnection.open(this.port, this.trustManagers, TIMEOUT);
			recordHandshake(connection);
			return connection;
		}
		catch (IOException | RuntimeException ex) {
			(kind.equals("keep-alive") ? this.keepAliveRequests : this.newConnectionRequests).incrementAndGet();
			recordFailure(kind + " connection: " + ex);
			pause(Duration.ofMillis(100));
			return null;
		}
	}

	private void recordHandshake(HttpsConnection connection) {
		String serial = connection.servedSerial();
		this.handshakes.add(new Handshake(connection.handshakeStarted(), connection.handshakeCompleted(), serial));
		if (this.firstServed.putIfAbsent(serial, connection.handshakeCompleted()) == null) {
			this.lastNewSerialServed = connection.handshakeCompleted();
		}
		else {
			this.firstServed.computeIfPresent(serial, (key, first) -> Math.min(first, connection.handshakeCompleted()));
		}
	}

	private void check(String kind, HttpsConnection.Response response) {
		if (response.status() != 200 || !response.body().startsWith("hotcert sample")) {
			recordFailure("%s request answered %d: %s".formatted(kind, response.status(), response.body()));
		}
	}

	private void recordFailure(String failure) {
		this.failureCount.incrementAndGet();
		if (this.failures.size() < MAX_FAILURES_KEPT) {
			this.failures
				.add("+%d ms %s".formatted(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.started), failure));
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One TLS handshake.
	 *
	 * @param started the {@link System#nanoTime()} before connecting
	 * @param completed the {@link System#nanoTime()} after the handshake
	 * @param serial the serial number of the certificate the server presented
	 */
	record Handshake(long started, long completed, String serial) {

	}

	/**
	 * What a load sent and what it was served.
	 *
	 * @param keepAliveRequests requests sent on kept-alive connections
	 * @param newConnectionRequests requests sent on a new connection each
	 * @param keepAliveConnections connections opened to be kept alive
	 * @param keepAliveConnectionsAcrossChange kept-alive connections that answered a
	 * request after another handshake was first served a different certificate
	 * @param mostRequestsOnOneConnection the most requests answered on one connection
	 * @param failureCount requests that failed or were not answered with 200
	 * @param failures the first failures, described
	 * @param handshakes every handshake
	 * @param duration how long the load ran
	 */
	record Report(long keepAliveRequests, long newConnectionRequests, long keepAliveConnections,
			long keepAliveConnectionsAcrossChange, long mostRequestsOnOneConnection, long failureCount,
			List<String> failures, List<Handshake> handshakes, Duration duration) {

		/**
		 * Return every request sent, on either kind of connection.
		 * @return the number of requests
		 */
		long requests() {
			return this.keepAliveRequests + this.newConnectionRequests;
		}

		@Override
		public String toString() {
			return ("%d requests in %d s (%d on %d kept-alive connections, at most %d on one, %d of them across a "
					+ "certificate change; %d on new connections), %d handshakes, %d failed")
				.formatted(requests(), this.duration.toSeconds(), this.keepAliveRequests, this.keepAliveConnections,
						this.mostRequestsOnOneConnection, this.keepAliveConnectionsAcrossChange,
						this.newConnectionRequests, this.handshakes.size(), this.failureCount);
		}

	}

}
