package io.github.hotcert.acme;

import java.time.Instant;

import io.github.hotcert.source.CertificateInfo;

/**
 * What is known of one ACME bundle, for reports: whether a certificate of the CA is
 * served, when it is renewed and why, how the last order ended, and the account. A status
 * never changes: hotcert replaces the bundle's status as a whole after each step (see
 * {@link AcmeBundle#getStatus()}), so a report that reads one status never pairs a
 * failure count with another order, an order with another certificate, or a certificate
 * with the plan of another one.
 */
public final class AcmeBundleStatus {

	static final AcmeBundleStatus INITIAL = new AcmeBundleStatus(true, null, false, null, null, null, 0, 0, 0, null,
			null);

	private final boolean temporary;

	private final CertificateInfo certificate;

	private final boolean renewing;

	private final RenewalPlan plan;

	private final Instant nextAttempt;

	private final AcmeOrderResult lastOrder;

	private final int consecutiveFailures;

	private final long issued;

	private final long failed;

	private final String account;

	private final String waitingFor;

	private AcmeBundleStatus(boolean temporary, CertificateInfo certificate, boolean renewing, RenewalPlan plan,
			Instant nextAttempt, AcmeOrderResult lastOrder, int consecutiveFailures, long issued, long failed,
			String account, String waitingFor) {
		this.temporary = temporary;
		this.certificate = certificate;
		this.renewing = renewing;
		this.plan = plan;
		this.nextAttempt = nextAttempt;
		this.lastOrder = lastOrder;
		this.consecutiveFailures = consecutiveFailures;
		this.issued = issued;
		this.failed = failed;
		this.account = account;
		this.waitingFor = waitingFor;
	}

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

	/**
	 * Return a copy of this status with the certificate read from the storage directory.
	 */
	AcmeBundleStatus stored(CertificateInfo certificate, boolean temporary) {
		return new AcmeBundleStatus(temporary, certificate, this.renewing, this.plan, this.nextAttempt, this.lastOrder,
				this.consecutiveFailures, this.issued, this.failed, this.account, this.waitingFor);
	}

	/**
	 * Return a copy of this status with a new plan and the time of the next order.
	 */
	AcmeBundleStatus planned(RenewalPlan plan, Instant nextAttempt, boolean renewing) {
		return new AcmeBundleStatus(this.temporary, this.certificate, renewing, plan, nextAttempt, this.lastOrder,
				this.consecutiveFailures, this.issued, this.failed, this.account, this.waitingFor);
	}

	/**
	 * Return a copy of this status with the end of the backoff after a failed order.
	 */
	AcmeBundleStatus retryAt(Instant nextAttempt) {
		return new AcmeBundleStatus(this.temporary, this.certificate, this.renewing, this.plan, nextAttempt,
				this.lastOrder, this.consecutiveFailures, this.issued, this.failed, this.account, this.waitingFor);
	}

	/**
	 * Return a copy of this status with the instance that holds the order lock, or
	 * {@code null}.
	 */
	AcmeBundleStatus waitingFor(String holder) {
		return new AcmeBundleStatus(this.temporary, this.certificate, this.renewing, this.plan, this.nextAttempt,
				this.lastOrder, this.consecutiveFailures, this.issued, this.failed, this.account, holder);
	}

	/**
	 * Return a copy of this status with the location of the account at the CA.
	 */
	AcmeBundleStatus account(String account) {
		return new AcmeBundleStatus(this.temporary, this.certificate, this.renewing, this.plan, this.nextAttempt,
				this.lastOrder, this.consecutiveFailures, this.issued, this.failed, account, this.waitingFor);
	}

	/**
	 * Return a copy of this status after an order ended, counted as issued or failed. An
	 * issued certificate ends the renewal, the failures in a row and the temporary
	 * certificate; a failure adds one to the failures in a row. Only this method sets the
	 * failures in a row above zero, always with the order that failed.
	 */
	AcmeBundleStatus ordered(AcmeOrderResult result) {
		if (result.outcome() == OrderOutcome.ISSUED) {
			return new AcmeBundleStatus(false, this.certificate, false, this.plan, this.nextAttempt, result, 0,
					this.issued + 1, this.failed, this.account, this.waitingFor);
		}
		return new AcmeBundleStatus(this.temporary, this.certificate, this.renewing, this.plan, this.nextAttempt,
				result, this.consecutiveFailures + 1, this.issued, this.failed + 1, this.account, this.waitingFor);
	}

	/**
	 * Return a copy of this status after another instance stored a certificate of the CA:
	 * this instance's failures in a row no longer matter.
	 */
	AcmeBundleStatus renewedElsewhere() {
		return new AcmeBundleStatus(false, this.certificate, this.renewing, this.plan, this.nextAttempt, this.lastOrder,
				0, this.issued, this.failed, this.account, this.waitingFor);
	}

}
