package io.github.hotcert.acme;

import java.time.Instant;

import io.github.hotcert.source.CertificateInfo;

/**
 * What is known of one ACME bundle now, for reports: whether a certificate of the CA is
 * served, when it is renewed and why, how the last order ended, and the account. Written
 * by hotcert's ACME thread, read by any thread.
 */
public final class AcmeBundleStatus {

	private volatile boolean temporary = true;

	private volatile CertificateInfo certificate;

	private volatile boolean renewing;

	private volatile RenewalPlan plan;

	private volatile Instant nextAttempt;

	private volatile AcmeOrderResult lastOrder;

	private volatile int consecutiveFailures;

	private volatile long issued;

	private volatile long failed;

	private volatile String account;

	private volatile String waitingFor;

	/**
	 * Return where the bundle stands.
	 * @return the state
	 */
	public AcmeState getState() {
		if (this.consecutiveFailures > 0) {
			return AcmeState.FAILING;
		}
		if (this.temporary) {
			return AcmeState.PENDING;
		}
		return this.renewing ? AcmeState.RENEWING : AcmeState.VALID;
	}

	/**
	 * Return whether the temporary self-signed certificate is stored (and served), rather
	 * than a certificate of the CA.
	 * @return whether the certificate is temporary
	 */
	public boolean isTemporary() {
		return this.temporary;
	}

	/**
	 * Return the stored leaf certificate, the one served once the file watcher has seen
	 * it.
	 * @return the certificate, or {@code null} when none could be read
	 */
	public CertificateInfo getCertificate() {
		return this.certificate;
	}

	/**
	 * Return when the certificate is renewed and why, as last planned.
	 * @return the plan, or {@code null} before the first plan
	 */
	public RenewalPlan getPlan() {
		return this.plan;
	}

	/**
	 * Return when the next order is attempted: the renewal time, or the end of the
	 * backoff after a failed order.
	 * @return the time of the next order, or {@code null} while unknown
	 */
	public Instant getNextAttempt() {
		return this.nextAttempt;
	}

	/**
	 * Return the result of the last order of this instance.
	 * @return the result, or {@code null} before the first order
	 */
	public AcmeOrderResult getLastOrder() {
		return this.lastOrder;
	}

	/**
	 * Return how many orders failed in a row.
	 * @return the number of failures since the last issued certificate
	 */
	public int getConsecutiveFailures() {
		return this.consecutiveFailures;
	}

	/**
	 * Return how many certificates this instance obtained.
	 * @return the number of issued certificates
	 */
	public long getIssued() {
		return this.issued;
	}

	/**
	 * Return how many orders of this instance failed.
	 * @return the number of failed orders
	 */
	public long getFailed() {
		return this.failed;
	}

	/**
	 * Return the location of the account at the CA.
	 * @return the account URL, or {@code null} before the CA was reached
	 */
	public String getAccount() {
		return this.account;
	}

	/**
	 * Return the instance that holds the order lock while this one waits for it.
	 * @return the holder, or {@code null} when not waiting
	 */
	public String getWaitingFor() {
		return this.waitingFor;
	}

	void stored(CertificateInfo certificate, boolean temporary) {
		this.certificate = certificate;
		this.temporary = temporary;
	}

	void planned(RenewalPlan plan, Instant nextAttempt, boolean renewing) {
		this.plan = plan;
		this.nextAttempt = nextAttempt;
		this.renewing = renewing;
	}

	void retryAt(Instant nextAttempt) {
		this.nextAttempt = nextAttempt;
	}

	void waitingFor(String holder) {
		this.waitingFor = holder;
	}

	void account(String account) {
		this.account = account;
	}

	void ordered(AcmeOrderResult result) {
		if (result.outcome() == OrderOutcome.ISSUED) {
			this.renewing = false;
			this.issued++;
			this.consecutiveFailures = 0;
			this.temporary = false;
		}
		else {
			this.failed++;
			this.consecutiveFailures++;
		}
		// Written last: a reader that sees this order sees what it changed
		this.lastOrder = result;
	}

	/**
	 * Another instance stored a certificate of the CA: this instance's failures no longer
	 * matter.
	 */
	void renewedElsewhere() {
		this.consecutiveFailures = 0;
		this.temporary = false;
	}

}
