package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Client threads sending {@code GET /} over HTTPS as fast as the server answers: each
 * thread alternates a request on a new connection (full handshake, {@code Connection:
 * close}) with a request on its keep-alive connection, so that half of the requests are
 * on new connections. A failure is any exception or a status other than 200.
 */
final class LoadGenerator implements AutoCloseable {

	private final TlsClient client;

	private final int port;

	private final List<Thread> threads = new ArrayList<>();

	private final LongAdder newConnectionRequests = new LongAdder();

	private final LongAdder keepAliveRequests = new LongAdder();

	private final LongAdder newConnectionFailures = new LongAdder();

	private final LongAdder keepAliveFailures = new LongAdder();

	private final LongAdder reconnectFailures = new LongAdder();

	private final Map<String, AtomicLong> failureKinds = new ConcurrentHashMap<>();

	private volatile boolean running = true;

	LoadGenerator(TlsClient client, int port, int threads) {
		this.client = client;
		this.port = port;
		for (int i = 0; i < threads; i++) {
			Thread thread = new Thread(this::run, "load-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
		}
		this.threads.forEach(Thread::start);
	}

	private void run() {
		HttpsConnection keepAlive = null;
		try {
			for (long i = 0; this.running; i++) {
				if (i % 2 == 0) {
					newConnectionRequest();
				}
				else {
					keepAlive = keepAliveRequest(keepAlive);
				}
			}
		}
		finally {
			if (keepAlive != null) {
				keepAlive.close();
			}
		}
	}

	private void newConnectionRequest() {
		try (HttpsConnection connection = new HttpsConnection(this.client.connect(this.port))) {
			int status = connection.get(true);
			record(status, this.newConnectionRequests, this.newConnectionFailures);
		}
		catch (IOException | RuntimeException ex) {
			fail(ex, this.newConnectionRequests, this.newConnectionFailures);
		}
	}

	private HttpsConnection keepAliveRequest(HttpsConnection connection) {
		HttpsConnection current = connection;
		try {
			if (current == null || !current.isOpen()) {
				if (current != null) {
					current.close();
				}
				current = reconnect();
			}
			record(current.get(false), this.keepAliveRequests, this.keepAliveFailures);
			return current;
		}
		catch (IOException | RuntimeException ex) {
			fail(ex, this.keepAliveRequests, this.keepAliveFailures);
			if (current != null) {
				current.close();
			}
			return null;
		}
	}

	private HttpsConnection reconnect() throws IOException {
		try {
			return new HttpsConnection(this.client.connect(this.port));
		}
		catch (IOException | RuntimeException ex) {
			if (this.running) {
				this.reconnectFailures.increment();
			}
			throw ex;
		}
	}

	private void record(int status, LongAdder requests, LongAdder failures) {
		if (!this.running) {
			return;
		}
		requests.increment();
		if (status != 200) {
			failures.increment();
			this.failureKinds.computeIfAbsent("HTTP " + status, (kind) -> new AtomicLong()).incrementAndGet();
		}
	}

	private void fail(Exception ex, LongAdder requests, LongAdder failures) {
		if (!this.running) {
			return;
		}
		requests.increment();
		failures.increment();
		String kind = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		kind = (this.failureKinds.size() < 20 || this.failureKinds.containsKey(kind)) ? kind : "other";
		this.failureKinds.computeIfAbsent(kind, (key) -> new AtomicLong()).incrementAndGet();
	}

	/**
	 * Forget what was counted so far, for example after a warm-up.
	 */
	void reset() {
		this.newConnectionRequests.reset();
		this.keepAliveRequests.reset();
		this.newConnectionFailures.reset();
		this.keepAliveFailures.reset();
		this.reconnectFailures.reset();
		this.failureKinds.clear();
	}

	/**
	 * What has been counted since the start or the last {@link #reset()}.
	 * @return the counts
	 */
	LoadResult result() {
		Map<String, Long> kinds = new TreeMap<>();
		this.failureKinds.forEach((kind, count) -> kinds.put(kind, count.get()));
		return new LoadResult(this.newConnectionRequests.sum(), this.keepAliveRequests.sum(),
				this.newConnectionFailures.sum(), this.keepAliveFailures.sum(), this.reconnectFailures.sum(), kinds);
	}

	@Override
	public void close() {
		this.running = false;
		for (Thread thread : this.threads) {
			try {
				thread.join(15_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Requests sent and failed.
	 *
	 * @param newConnectionRequests requests on new connections
	 * @param keepAliveRequests requests on keep-alive connections
	 * @param newConnectionFailures failed requests on new connections
	 * @param keepAliveFailures failed requests on keep-alive connections
	 * @param reconnectFailures failed requests on keep-alive connections that failed
	 * while the connection was opened again (after the server closed it)
	 * @param failureKinds the number of failures by exception and message, or status
	 */
	record LoadResult(long newConnectionRequests, long keepAliveRequests, long newConnectionFailures,
			long keepAliveFailures, long reconnectFailures, Map<String, Long> failureKinds) {

		long requests() {
			return this.newConnectionRequests + this.keepAliveRequests;
		}

		long failures() {
			return this.newConnectionFailures + this.keepAliveFailures;
		}

	}

}
