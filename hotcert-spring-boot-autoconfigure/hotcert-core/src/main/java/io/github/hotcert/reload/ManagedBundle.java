package io.github.hotcert.reload;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.validation.BundleRole;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.Assert;

/**
 * One bundle that hotcert keeps up to date: its source, where it is published, what it
 * serves, who uses it, and what happened to it.
 * <p>
 * Most consumers follow reloads: they receive every new bundle through the publisher, or
 * build their SSL context from the bundle that Spring Boot's registry hands out, which
 * follows every publication. A consumer that cannot (a web server hotcert cannot update,
 * a client library that reads the bundle's key stores once) is registered with
 * {@link #addConsumerThatCannotFollow(String)}: it keeps the material it started with,
 * and once newer material is published the bundle {@link #getRestartRequired() requires a
 * restart} to be served everywhere.
 */
public final class ManagedBundle {

	private volatile MaterialSource source;

	private final BundlePublisher publisher;

	private final int historySize;

	private final ReentrantLock lock = new ReentrantLock(true);

	private final BundleConsumers consumers = new BundleConsumers();

	private volatile ServedMaterial served;

	private volatile BundleRole role;

	private volatile boolean servedByWebServer;

	private volatile boolean validating;

	private volatile ReloadRecord reloads = ReloadRecord.NONE;

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
	 * Record a component that uses this bundle but cannot take new material while the
	 * application runs, such as a web server that hotcert cannot update: it keeps the
	 * material it started with. Once newer material is published, the bundle
	 * {@link #getRestartRequired() requires a restart}.
	 * @param description a description of the component, for reports
	 */
	public void addConsumerThatCannotFollow(String description) {
		Assert.hasText(description, "'description' must not be empty");
		this.consumers.addThatCannotFollow(description);
	}

	/**
	 * Return descriptions of the components that use this bundle, including those that
	 * cannot follow reloads.
	 * @return the consumers
	 */
	public List<String> getConsumers() {
		return this.consumers.all();
	}

	/**
	 * Return descriptions of the components that use this bundle and cannot follow
	 * reloads.
	 * @return the consumers that keep the material they started with
	 */
	public List<String> getConsumersThatCannotFollow() {
		return this.consumers.thatCannotFollow();
	}

	/**
	 * Return whether material was published that a consumer that cannot follow reloads
	 * does not serve: only a restart of the application makes it serve that material.
	 * @return the restart that is required, or {@code null} when every consumer serves
	 * the material published
	 */
	public RestartRequired getRestartRequired() {
		return this.consumers.restartRequired();
	}

	/**
	 * Return what is served.
	 * @return the served material, or {@code null} before startup completed
	 */
	public ServedMaterial getServed() {
		return this.served;
	}

	/**
	 * Record that a web server serves this bundle, whether it follows reloads or not: the
	 * bundle's material is then validated as a server's, unless another role is
	 * configured.
	 */
	public void markServedByWebServer() {
		this.servedByWebServer = true;
	}

	/**
	 * Return whether a web server serves this bundle.
	 * @return whether a web server serves it
	 */
	public boolean isServedByWebServer() {
		return this.servedByWebServer;
	}

	/**
	 * Return the role the bundle's material was last validated in: the role configured
	 * for the bundle, or the role inferred from its web servers and its material (see
	 * {@link BundleRole#infer}).
	 * @return the role, or {@code null} before startup completed
	 */
	public BundleRole getRole() {
		return this.role;
	}

	/**
	 * Return the result of the last reload.
	 * @return the last result, or {@code null}
	 */
	public ReloadResult getLastResult() {
		return this.reloads.lastResult();
	}

	/**
	 * Return when material was last published successfully (or adopted at startup).
	 * @return the time of the last success, or {@code null}
	 */
	public Instant getLastSuccess() {
		return this.reloads.lastSuccess();
	}

	/**
	 * Return how many times new material was published.
	 * @return the reload count
	 */
	public long getReloadCount() {
		return this.reloads.reloadCount();
	}

	/**
	 * Return how many times new material was rejected.
	 * @return the rejection count
	 */
	public long getRejectionCount() {
		return this.reloads.rejectionCount();
	}

	/**
	 * Return how many reloads in a row were rejected since the last success.
	 * @return the number of consecutive failures
	 */
	public int getConsecutiveFailures() {
		return this.reloads.consecutiveFailures();
	}

	/**
	 * Return whether the source holds material that is not served: the last reload read
	 * content that differs from the served content and did not publish it (it was
	 * rejected, or only validated by a dry run).
	 * @return whether a change on disk is waiting
	 */
	public boolean hasPendingChange() {
		return this.reloads.pendingChange();
	}

	/**
	 * Return whether the material served at startup is still being validated: until then,
	 * what the bundle serves, its last reload and whether a change waits on disk are not
	 * known yet.
	 * @return whether the startup validation of the bundle is running
	 */
	public boolean isValidating() {
		return this.validating;
	}

	/**
	 * Return what the reloads of this bundle left, as one value whose parts agree: read
	 * it once to describe the bundle.
	 * @return the record of the reloads
	 */
	public ReloadRecord getReloads() {
		return this.reloads;
	}

	/**
	 * Return the most recent results, newest first.
	 * @return the history
	 */
	public List<ReloadResult> getHistory() {
		return this.reloads.history();
	}

	void lock() {
		this.lock.lock();
	}

	void unlock() {
		this.lock.unlock();
	}

	void setValidating(boolean validating) {
		this.validating = validating;
	}

	void setServed(ServedMaterial served) {
		this.served = served;
	}

	void setSource(MaterialSource source) {
		Assert.isTrue(source.getBundleName().equals(getName()), "'source' must be a source of the same bundle");
		this.source = source;
	}

	void setRole(BundleRole role) {
		this.role = role;
	}

	void record(ReloadResult result, boolean pendingChange) {
		if (result.outcome() == ReloadOutcome.RELOADED) {
			this.consumers.published(result.time());
		}
		this.reloads = this.reloads.next(result, pendingChange, this.historySize);
	}

	@Override
	public String toString() {
		return "ManagedBundle[" + getName() + "]";
	}

}
