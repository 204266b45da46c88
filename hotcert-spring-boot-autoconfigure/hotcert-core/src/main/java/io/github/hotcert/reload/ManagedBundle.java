package io.github.hotcert.reload;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.github.hotcert.source.MaterialSource;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.Assert;

/**
 * One bundle that hotcert keeps up to date: its source, where it is published, what it
 * serves, and what happened to it.
 */
public final class ManagedBundle {

	private final MaterialSource source;

	private final BundlePublisher publisher;

	private final int historySize;

	private final ReentrantLock lock = new ReentrantLock(true);

	private final Deque<ReloadResult> history = new ArrayDeque<>();

	private final List<String> consumers = new CopyOnWriteArrayList<>();

	private volatile ServedMaterial served;

	private volatile ReloadResult lastResult;

	private volatile Instant lastSuccess;

	private volatile long reloadCount;

	private volatile long rejectionCount;

	private volatile int consecutiveFailures;

	private volatile boolean pendingChange;

	/**
	 * Create a new {@link ManagedBundle}.
	 * @param source where the material comes from
	 * @param publisher where new material is published
	 * @param historySize how many results to keep
	 */
	public ManagedBundle(MaterialSource source, BundlePublisher publisher, int historySize) {
		Assert.notNull(source, "'source' must not be null");
		Assert.notNull(publisher, "'publisher' must not be null");
		Assert.isTrue(historySize >= 0, "'historySize' must not be negative");
		this.source = source;
		this.publisher = publisher;
		this.historySize = historySize;
	}

	/**
	 * Return the bundle name.
	 * @return the bundle name
	 */
	public String getName() {
		return this.source.getBundleName();
	}

	/**
	 * Return where the material comes from.
	 * @return the source
	 */
	public MaterialSource getSource() {
		return this.source;
	}

	/**
	 * Return where new material is published.
	 * @return the publisher
	 */
	public BundlePublisher getPublisher() {
		return this.publisher;
	}

	/**
	 * Register a component that uses this bundle, such as a web server connector, and the
	 * handler that applies new material to it.
	 * @param description a description of the component, for reports
	 * @param updateHandler the handler called with every new bundle
	 */
	public void addConsumer(String description, Consumer<SslBundle> updateHandler) {
		this.publisher.addUpdateHandler(updateHandler);
		this.consumers.add(description);
	}

	/**
	 * Record a component that uses this bundle and is updated by someone else (for
	 * example by Spring Boot itself).
	 * @param description a description of the component, for reports
	 */
	public void addConsumer(String description) {
		this.consumers.add(description);
	}

	/**
	 * Return descriptions of the components that use this bundle.
	 * @return the consumers
	 */
	public List<String> getConsumers() {
		return List.copyOf(this.consumers);
	}

	/**
	 * Return what is served.
	 * @return the served material, or {@code null} before startup completed
	 */
	public ServedMaterial getServed() {
		return this.served;
	}

	/**
	 * Return the result of the last reload.
	 * @return the last result, or {@code null}
	 */
	public ReloadResult getLastResult() {
		return this.lastResult;
	}

	/**
	 * Return when material was last published successfully (or adopted at startup).
	 * @return the time of the last success, or {@code null}
	 */
	public Instant getLastSuccess() {
		return this.lastSuccess;
	}

	/**
	 * Return how many times new material was published.
	 * @return the reload count
	 */
	public long getReloadCount() {
		return this.reloadCount;
	}

	/**
	 * Return how many times new material was rejected.
	 * @return the rejection count
	 */
	public long getRejectionCount() {
		return this.rejectionCount;
	}

	/**
	 * Return how many reloads in a row were rejected since the last success.
	 * @return the number of consecutive failures
	 */
	public int getConsecutiveFailures() {
		return this.consecutiveFailures;
	}

	/**
	 * Return whether the source holds material that is not served: the last reload read
	 * content that differs from the served content and did not publish it (it was
	 * rejected, or only validated by a dry run).
	 * @return whether a change on disk is waiting
	 */
	public boolean hasPendingChange() {
		return this.pendingChange;
	}

	/**
	 * Return the most recent results, newest first.
	 * @return the history
	 */
	public List<ReloadResult> getHistory() {
		synchronized (this.history) {
			return new ArrayList<>(this.history);
		}
	}

	void lock() {
		this.lock.lock();
	}

	void unlock() {
		this.lock.unlock();
	}

	void setServed(ServedMaterial served) {
		this.served = served;
	}

	void record(ReloadResult result, boolean pendingChange) {
		this.lastResult = result;
		this.pendingChange = pendingChange;
		switch (result.outcome()) {
			case RELOADED -> {
				this.reloadCount++;
				this.consecutiveFailures = 0;
				this.lastSuccess = result.time();
			}
			case REJECTED -> {
				this.rejectionCount++;
				this.consecutiveFailures++;
			}
			case UNCHANGED -> {
				this.consecutiveFailures = 0;
				if (result.trigger() == ReloadTrigger.STARTUP) {
					this.lastSuccess = result.time();
				}
			}
			case VALID -> {
			}
		}
		synchronized (this.history) {
			if (this.historySize > 0) {
				this.history.addFirst(result);
				while (this.history.size() > this.historySize) {
					this.history.removeLast();
				}
			}
		}
	}

	@Override
	public String toString() {
		return "ManagedBundle[" + getName() + "]";
	}

}
