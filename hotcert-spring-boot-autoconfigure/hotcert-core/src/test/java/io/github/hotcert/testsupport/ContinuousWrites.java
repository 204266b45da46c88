package io.github.hotcert.testsupport;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A write repeated at a fixed rate on a thread of its own, as a busy process writes next
 * to certificate files, until it is closed or a time limit is reached.
 */
public final class ContinuousWrites implements AutoCloseable {

	private final AtomicInteger count = new AtomicInteger();

	private final ScheduledExecutorService executor = Executors
		.newSingleThreadScheduledExecutor((task) -> new Thread(task, "continuous-writes"));

	private final ScheduledFuture<?> writes;

	private final ScheduledFuture<?> limit;

	private ContinuousWrites(Duration interval, Duration limit, IntConsumer write) {
		this.writes = this.executor.scheduleAtFixedRate(() -> write.accept(this.count.incrementAndGet()), 0,
				interval.toMillis(), TimeUnit.MILLISECONDS);
		this.limit = this.executor.schedule(() -> this.writes.cancel(false), limit.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Start writing.
	 * @param interval the time between the start of one write and the next
	 * @param limit when to stop if not closed before
	 * @param write the write, given its number, from 1
	 * @return the writes
	 */
	public static ContinuousWrites start(Duration interval, Duration limit, IntConsumer write) {
		return new ContinuousWrites(interval, limit, write);
	}

	/**
	 * Return whether the writes go on: not closed, not past the time limit, no write
	 * failed.
	 * @return whether writing
	 */
	public boolean isWriting() {
		return !this.writes.isDone();
	}

	/**
	 * Return how many writes were started.
	 * @return the count
	 */
	public int count() {
		return this.count.get();
	}

	/**
	 * Stop writing and wait for the write under way to complete.
	 */
	@Override
	public void close() throws InterruptedException {
		this.writes.cancel(false);
		this.limit.cancel(false);
		this.executor.shutdown();
		if (!this.executor.awaitTermination(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("A write did not complete within 10 seconds");
		}
	}

}
