package io.github.hotcert.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Clients that send {@code GET /} over HTTPS without pause, each request on a new
 * connection with a full handshake, until closed, and count what succeeded and what
 * failed.
 */
public final class RequestLoad implements AutoCloseable {

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicInteger succeeded = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

	private final List<Thread> threads = new ArrayList<>();

	private RequestLoad(TlsClient client, int port, int clients) {
		for (int i = 0; i < clients; i++) {
			Thread thread = new Thread(() -> {
				while (this.running.get()) {
					try {
						TlsClient.Response response = client.get(port, "/");
						if (response.status() == 200) {
							this.succeeded.incrementAndGet();
						}
						else {
							fail(new IllegalStateException("Status " + response.status()));
						}
					}
					catch (Exception ex) {
						if (this.running.get()) {
							fail(ex);
						}
					}
				}
			}, "request-load-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	/**
	 * Start sending requests.
	 * @param client the client
	 * @param port the HTTPS port
	 * @param clients how many clients send at the same time
	 * @return the load
	 */
	public static RequestLoad start(TlsClient client, int port, int clients) {
		return new RequestLoad(client, port, clients);
	}

	private void fail(Exception ex) {
		this.failed.incrementAndGet();
		this.firstFailure.compareAndSet(null, ex);
	}

	public int succeeded() {
		return this.succeeded.get();
	}

	public int failed() {
		return this.failed.get();
	}

	/**
	 * Return the first failure, or {@code null}.
	 */
	public Exception firstFailure() {
		return this.firstFailure.get();
	}

	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		for (Thread thread : this.threads) {
			thread.join(15_000);
		}
	}

}
