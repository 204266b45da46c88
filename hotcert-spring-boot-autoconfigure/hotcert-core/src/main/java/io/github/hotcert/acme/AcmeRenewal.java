package io.github.hotcert.acme;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.source.Durations;
import io.github.hotcert.logging.LogFields;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Keeps the certificate of one ACME bundle from expiring. Each check reads the stored
 * certificate, plans its renewal ({@link RenewalPlanner}) and either waits for the
 * renewal time or renews: takes the storage directory's {@link OrderLock order lock},
 * checks again that no other instance renewed the certificate meanwhile, and orders
 * ({@link CertificateIssuance}). A failed order is retried after a {@link Backoff}, or
 * after the CA's {@code Retry-After} when it is later. While another instance holds the
 * lock, this one looks again every few seconds and finds the new certificate in storage
 * once the other has stored it. Logs one INFO line per issued certificate and one WARN
 * line per failed order.
 */
final class AcmeRenewal {

	private static final Log logger = LogFactory.getLog(AcmeRenewal.class);

	private static final Duration ARI_UNAVAILABLE_RETRY = Duration.ofHours(1);

	private static final Duration MIN_CHECK_INTERVAL = Duration.ofSeconds(1);

	private final AcmeBundle bundle;

	private final AcmeClient client;

	private final CertificateIssuance issuance;

	private final RenewalPlanner planner;

	private final OrderLock lock;

	private final Consumer<AcmeOrderResult> announcer;

	private final AcmeScheduler scheduler;

	private final Clock clock;

	private String storedFingerprint;

	private Instant backoffUntil;

	AcmeRenewal(AcmeBundle bundle, AcmeClient client, CertificateIssuance issuance, RenewalPlanner planner,
			OrderLock lock, Consumer<AcmeOrderResult> announcer, AcmeScheduler scheduler, Clock clock) {
		this.bundle = bundle;
		this.client = client;
		this.issuance = issuance;
		this.planner = planner;
		this.lock = lock;
		this.announcer = announcer;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	/**
	 * Check the stored certificate as soon as possible.
	 */
	void checkSoon() {
		this.scheduler.schedule(this.bundle.getName(), this::check, this.clock.instant());
	}

	/**
	 * Check the stored certificate, and renew it when it is due.
	 */
	synchronized void check() {
		Instant now = this.clock.instant();
		X509Certificate leaf = storedLeaf();
		boolean temporary = leaf == null || TemporaryCertificate.isTemporary(leaf);
		String fingerprint = fingerprint(leaf);
		// Another instance sharing the storage directory renewed it
		boolean renewedElsewhere = !temporary && this.storedFingerprint != null
				&& !this.storedFingerprint.equals(fingerprint);
		if (renewedElsewhere) {
			this.backoffUntil = null;
		}
		this.storedFingerprint = fingerprint;
		String mismatch = temporary ? "no certificate of the CA is stored yet" : mismatch(leaf);
		RenewalPlan plan = (mismatch != null) ? this.planner.now(now, mismatch) : plan(leaf, now);
		CertificateInfo stored = (leaf != null) ? CertificateInfo.of(leaf) : null;
		if (logger.isDebugEnabled()) {
			logger.debug("ACME bundle '%s' stores %s; renewal at %s (%s), next check at %s; backoff until %s".formatted(
					this.bundle.getName(), (stored != null) ? stored.describe() : "nothing", plan.renewAt(),
					plan.basis(), plan.checkAt(), this.backoffUntil));
		}
		// The stored certificate and its plan are reported together
		UnaryOperator<AcmeBundleStatus> checked = (status) -> (renewedElsewhere ? status.renewedElsewhere() : status)
			.stored(stored, temporary);
		Instant backoffUntil = this.backoffUntil;
		if (backoffUntil != null && backoffUntil.isAfter(now)) {
			this.bundle.updateStatus((status) -> checked.apply(status).planned(plan, backoffUntil, true));
			schedule(backoffUntil);
		}
		else if (plan.isDue(now)) {
			this.bundle.updateStatus((status) -> checked.apply(status).planned(plan, now, true));
			renew((mismatch != null) ? null : leaf, fingerprint);
		}
		else {
			this.bundle
				.updateStatus((status) -> checked.apply(status).planned(plan, plan.renewAt(), false).waitingFor(null));
			// Never check again at once after a check that found nothing to do
			Instant soonest = now.plus(MIN_CHECK_INTERVAL);
			schedule(plan.checkAt().isBefore(soonest) ? soonest : plan.checkAt());
		}
	}

	/**
	 * Return why the stored certificate of the CA does not do, or {@code null} when it
	 * does: it must cover the configured domains, and come from the configured CA.
	 */
	private String mismatch(X509Certificate leaf) {
		List<String> names = CertificateInfo.of(leaf)
			.subjectAlternativeNames()
			.stream()
			.map((name) -> name.toLowerCase(Locale.ROOT))
			.toList();
		List<String> missing = this.bundle.getSettings()
			.domains()
			.stream()
			.filter((domain) -> !names.contains("dns:" + domain))
			.toList();
		if (!missing.isEmpty()) {
			return "the stored certificate does not cover " + missing;
		}
		String issuer = this.bundle.files().readIssuer();
		String directory = this.bundle.getSettings().directory().toString();
		if (issuer != null && !issuer.equals(directory)) {
			return "the stored certificate comes from another CA (" + AcmeBundleSettings.display(issuer) + ")";
		}
		return null;
	}

	private RenewalPlan plan(X509Certificate leaf, Instant now) {
		RenewalWindow window;
		try {
			window = this.client.renewalWindow(leaf);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			window = null;
		}
		catch (AcmeFailure ex) {
			RenewalPlan plan = this.planner.plan(now, leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(),
					null);
			Instant checkAt = now.plus(ARI_UNAVAILABLE_RETRY);
			return new RenewalPlan(plan.renewAt(), checkAt.isBefore(plan.renewAt()) ? checkAt : plan.renewAt(),
					plan.basis() + " (renewal information unavailable: " + ex.getMessage() + ")");
		}
		return this.planner.plan(now, leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), window);
	}

	private void renew(X509Certificate replaces, String plannedFingerprint) {
		OrderLock.Hold hold;
		try {
			hold = this.lock.tryAcquire();
			if (hold == null) {
				OrderLock.Holder holder = this.lock.holder();
				String owner = (holder != null) ? holder.owner() : "another instance";
				this.bundle.updateStatus((status) -> status.waitingFor(owner));
				schedule(this.clock.instant().plus(lockRetry()));
				return;
			}
		}
		catch (IOException ex) {
			failed(new AcmeFailure("storage",
					"Unable to take the order lock '%s': %s".formatted(this.bundle.files().lockFile(), ex.getMessage()),
					null, ex), replaces, Duration.ZERO);
			return;
		}
		this.bundle.updateStatus((status) -> status.waitingFor(null));
		Duration refreshInterval = this.bundle.getSettings().lockTimeout().dividedBy(3);
		try (AcmeScheduler.Repeating refresh = this.scheduler.repeat(() -> refresh(hold), refreshInterval)) {
			if (!Objects.equals(fingerprint(storedLeaf()), plannedFingerprint)) {
				// Stored by another instance while this one waited for the lock
				schedule(this.clock.instant());
				return;
			}
			order(replaces);
		}
		finally {
			release(hold);
		}
	}

	private void order(X509Certificate replaces) {
		long start = System.nanoTime();
		try {
			List<X509Certificate> chain = this.issuance.issue(replaces);
			CertificateInfo issued = CertificateInfo.of(chain.get(0));
			AcmeOrderResult result = AcmeOrderResult.issued(this.bundle.getName(), this.clock.instant(), since(start),
					issued);
			this.storedFingerprint = issued.sha256Fingerprint();
			this.backoffUntil = null;
			this.bundle.updateStatus((status) -> status.ordered(result).stored(issued, false));
			LogFields.bundle(this.bundle.getName())
				.and(LogFields.OUTCOME, "issued")
				.and(LogFields.NEW_SERIAL, issued.serialNumber())
				.and(LogFields.NEW_EXPIRY, issued.notAfter())
				.info(logger,
						"%s issued a certificate for ACME bundle '%s' in %d ms: %s, domains %s".formatted(
								this.bundle.getSettings().caName(), this.bundle.getName(), result.duration().toMillis(),
								issued.describe(), issued.subjectAlternativeNames()));
			this.announcer.accept(result);
			schedule(this.clock.instant());
		}
		catch (AcmeFailure ex) {
			if (this.scheduler.isStopped()) {
				// The application is stopping
				return;
			}
			failed(ex, replaces, since(start));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void failed(AcmeFailure failure, X509Certificate served, Duration duration) {
		Instant now = this.clock.instant();
		AcmeOrderResult result = AcmeOrderResult.failed(this.bundle.getName(), now, duration, failure);
		Duration timeToExpiry = (served != null) ? Duration.between(now, served.getNotAfter().toInstant()) : null;
		AcmeBundleStatus status = this.bundle.updateStatus((current) -> {
			AcmeBundleStatus failed = current.ordered(result);
			Instant retry = now
				.plus(this.bundle.getSettings().retry().delay(failed.getConsecutiveFailures(), timeToExpiry));
			if (failure.getRetryAfter() != null && failure.getRetryAfter().isAfter(retry)) {
				retry = failure.getRetryAfter();
			}
			return failed.retryAt(retry);
		});
		Instant next = status.getNextAttempt();
		this.backoffUntil = next;
		LogFields.bundle(this.bundle.getName())
			.and(LogFields.OUTCOME, "failed")
			.and(LogFields.REASON, failure.getReason())
			.and(LogFields.RETRY_ATTEMPT, status.getConsecutiveFailures())
			.and(LogFields.RETRY_DELAY, Duration.between(now, next))
			.warn(logger,
					"Ordering a certificate for ACME bundle '%s' from %s failed (%s): %s; retrying in %s (%d failed in a row); still serving %s"
						.formatted(this.bundle.getName(), this.bundle.getSettings().caName(), failure.getReason(),
								failure.getMessage(), Durations.describe(Duration.between(now, next)),
								status.getConsecutiveFailures(), (served != null)
										? CertificateInfo.of(served).describe() : "the temporary certificate"));
		this.announcer.accept(result);
		schedule(next);
	}

	private void refresh(OrderLock.Hold hold) {
		try {
			if (!hold.refresh()) {
				LogFields.bundle(this.bundle.getName())
					.and(LogFields.FILE, this.bundle.files().lockFile())
					.warn(logger, "Another instance took over the order lock '%s' of ACME bundle '%s'"
						.formatted(this.bundle.files().lockFile(), this.bundle.getName()));
			}
		}
		catch (IOException ex) {
			LogFields.bundle(this.bundle.getName())
				.and(LogFields.FILE, this.bundle.files().lockFile())
				.warn(logger, "Unable to refresh the order lock '%s' of ACME bundle '%s': %s"
					.formatted(this.bundle.files().lockFile(), this.bundle.getName(), ex.getMessage()));
		}
	}

	private void release(OrderLock.Hold hold) {
		try {
			hold.close();
		}
		catch (IOException ex) {
			LogFields.bundle(this.bundle.getName())
				.and(LogFields.FILE, this.bundle.files().lockFile())
				.warn(logger,
						"Unable to release the order lock '%s' of ACME bundle '%s': %s; it expires in %s".formatted(
								this.bundle.files().lockFile(), this.bundle.getName(), ex.getMessage(),
								Durations.describe(this.bundle.getSettings().lockTimeout())));
		}
	}

	private Duration lockRetry() {
		Duration quarter = this.bundle.getSettings().lockTimeout().dividedBy(4);
		Duration max = Duration.ofSeconds(5);
		return (quarter.compareTo(max) < 0) ? quarter : max;
	}

	private X509Certificate storedLeaf() {
		try {
			List<X509Certificate> chain = this.bundle.files().readChain();
			return (chain != null) ? chain.get(0) : null;
		}
		catch (IOException ex) {
			LogFields.bundle(this.bundle.getName())
				.warn(logger, "The certificate of ACME bundle '%s' cannot be read: %s".formatted(this.bundle.getName(),
						ex.getMessage()));
			return null;
		}
	}

	private void schedule(Instant at) {
		this.scheduler.schedule(this.bundle.getName(), this::check, at);
	}

	private Duration since(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private static String fingerprint(X509Certificate certificate) {
		return (certificate != null) ? CertificateInfo.of(certificate).sha256Fingerprint() : null;
	}

}
