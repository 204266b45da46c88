package io.github.hotcert.actuate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ManagedBundle;
import io.github.hotcert.reload.RegistryBundlePublisher;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.RestartRequired;
import io.github.hotcert.reload.ServedMaterial;
import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.source.Durations;
import io.github.hotcert.watch.WatcherStatus;

import org.springframework.util.Assert;

/**
 * The health of the certificates hotcert keeps up to date, independent of the health API
 * of a Spring Boot line: each line adapts the {@link Report} to its own health indicator.
 * The status follows Spring Boot's {@code ssl} health indicator, so that adding hotcert
 * never makes an application's health worse for the same certificates: a served
 * certificate that is not valid (expired or not yet valid) in a bundle of Spring Boot's
 * registry, which that indicator also checks, makes the status
 * {@link Status#OUT_OF_SERVICE OUT_OF_SERVICE}, never {@code DOWN}; otherwise the status
 * is {@link Status#UP UP}. Warnings are reported in the details of each bundle: a
 * certificate that is not valid in a bundle that indicator does not check (one a web
 * server builds from its {@code server.ssl.*} properties), certificates that expire
 * within a threshold, a last reload that was rejected, material on disk that is not
 * served, consumers that serve older material than the bundle until the application
 * restarts ({@code restartRequired}), and a watcher that noticed changes less well than
 * configured (only by polling, or not at all). The trusted certificates of a bundle with
 * trust material only are reported like the certificates of a key store, as warnings.
 * Each bundle's details name the role it is validated in. Warnings change the status to
 * {@link Status#OUT_OF_SERVICE OUT_OF_SERVICE} only when asked to. While the material a
 * bundle serves since startup is still being validated, nothing is known of it yet: the
 * bundle only says {@code validating}, and the status is {@link Status#UNKNOWN UNKNOWN}
 * unless another bundle is out of service.
 */
public class CertificatesHealth {

	private final CertificateReloader reloader;

	private final Duration expiryWarningThreshold;

	private final boolean warningsChangeStatus;

	private final Clock clock;

	private final Supplier<WatcherStatus> watcherStatus;

	/**
	 * Create a new {@link CertificatesHealth}.
	 * @param reloader the reloader that owns the bundles
	 * @param expiryWarningThreshold how long before expiry a certificate is reported
	 * @param warningsChangeStatus whether warnings change the status to
	 * {@link Status#OUT_OF_SERVICE}
	 * @param clock the clock
	 */
	public CertificatesHealth(CertificateReloader reloader, Duration expiryWarningThreshold,
			boolean warningsChangeStatus, Clock clock) {
		this(reloader, expiryWarningThreshold, warningsChangeStatus, clock, null);
	}

	/**
	 * Create a new {@link CertificatesHealth} that also reports the faults of the watcher
	 * of the bundles' files.
	 * @param reloader the reloader that owns the bundles
	 * @param expiryWarningThreshold how long before expiry a certificate is reported
	 * @param warningsChangeStatus whether warnings change the status to
	 * {@link Status#OUT_OF_SERVICE}
	 * @param clock the clock
	 * @param watcherStatus the status of the watcher, or {@code null}
	 */
	public CertificatesHealth(CertificateReloader reloader, Duration expiryWarningThreshold,
			boolean warningsChangeStatus, Clock clock, Supplier<WatcherStatus> watcherStatus) {
		Assert.notNull(reloader, "'reloader' must not be null");
		Assert.notNull(expiryWarningThreshold, "'expiryWarningThreshold' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.reloader = reloader;
		this.expiryWarningThreshold = expiryWarningThreshold;
		this.warningsChangeStatus = warningsChangeStatus;
		this.clock = clock;
		this.watcherStatus = watcherStatus;
	}

	/**
	 * Check the certificates of every managed bundle.
	 * @return the status and the details of each bundle
	 */
	public Report check() {
		boolean invalid = false;
		boolean warning = false;
		boolean validating = false;
		Map<String, Object> bundles = new LinkedHashMap<>();
		WatcherStatus watcher = (this.watcherStatus != null) ? this.watcherStatus.get() : null;
		for (ManagedBundle bundle : this.reloader.getBundles()) {
			Map<String, Object> details = new LinkedHashMap<>();
			if (bundle.getRole() != null) {
				details.put("role", bundle.getRole().id());
			}
			if (bundle.isValidating()) {
				validating = true;
				details.put("validating", true);
				bundles.put(bundle.getName(), details);
				continue;
			}
			if (addValidity(details, bundle.getServed())) {
				if (isCheckedBySpringBoot(bundle)) {
					invalid = true;
				}
				else {
					warning = true;
				}
			}
			warning |= addTrustValidity(details, bundle.getServed());
			warning |= details.containsKey("expiringSoon");
			warning |= addLastReload(details, bundle.getLastResult());
			warning |= addSource(details, bundle);
			warning |= addRestartRequired(details, bundle);
			warning |= addWatcher(details, watcher);
			bundles.put(bundle.getName(), details);
		}
		boolean outOfService = invalid || (warning && this.warningsChangeStatus);
		return new Report(outOfService ? Status.OUT_OF_SERVICE : validating ? Status.UNKNOWN : Status.UP, bundles);
	}

	/**
	 * Return whether Spring Boot's {@code ssl} health indicator checks the certificates
	 * of a bundle: it checks those of the bundles in Spring Boot's registry.
	 */
	private static boolean isCheckedBySpringBoot(ManagedBundle bundle) {
		return bundle.getPublisher() instanceof RegistryBundlePublisher;
	}

	private boolean addValidity(Map<String, Object> details, ServedMaterial served) {
		if (served == null || served.leaf() == null) {
			return false;
		}
		details.put("serialNumber", served.leaf().serialNumber());
		details.put("notAfter", served.leaf().notAfter());
		return addDates(details, served.chain());
	}

	/**
	 * Report the dates of the trusted certificates of a bundle with trust material only,
	 * as warnings: Spring Boot's {@code ssl} indicator checks key stores only.
	 */
	private boolean addTrustValidity(Map<String, Object> details, ServedMaterial served) {
		if (served == null || served.leaf() != null || served.trustedCertificates().isEmpty()) {
			return false;
		}
		details.put("trustedCertificates", served.trustedCertificates().size());
		boolean invalid = addDates(details, served.trustedCertificates());
		return invalid || details.containsKey("expiringSoon");
	}

	private boolean addDates(Map<String, Object> details, List<CertificateInfo> certificates) {
		List<String> expired = new ArrayList<>();
		List<String> notYetValid = new ArrayList<>();
		List<String> expiringSoon = new ArrayList<>();
		for (CertificateInfo certificate : certificates) {
			Duration left = certificate.timeToExpiry(this.clock);
			if (left.isNegative()) {
				expired.add("%s expired at %s".formatted(certificate.describe(), certificate.notAfter()));
			}
			else if (certificate.notBefore().isAfter(this.clock.instant())) {
				notYetValid.add("%s is not valid before %s".formatted(certificate.describe(), certificate.notBefore()));
			}
			else if (left.compareTo(this.expiryWarningThreshold) < 0) {
				expiringSoon
					.add("%s expires in %s, within the warning threshold of %s".formatted(certificate.describe(),
							Durations.describe(left), Durations.describe(this.expiryWarningThreshold)));
			}
		}
		if (!expired.isEmpty()) {
			details.put("expired", expired);
		}
		if (!notYetValid.isEmpty()) {
			details.put("notYetValid", notYetValid);
		}
		if (!expiringSoon.isEmpty()) {
			details.put("expiringSoon", expiringSoon);
		}
		return !expired.isEmpty() || !notYetValid.isEmpty();
	}

	private boolean addLastReload(Map<String, Object> details, ReloadResult last) {
		if (last == null || last.outcome() != ReloadOutcome.REJECTED) {
			return false;
		}
		Map<String, Object> rejected = new LinkedHashMap<>();
		rejected.put("time", last.time());
		rejected.put("trigger", last.trigger().id());
		rejected.put("reason", last.reason());
		rejected.put("message", last.message());
		details.put("lastReloadRejected", rejected);
		return true;
	}

	private boolean addSource(Map<String, Object> details, ManagedBundle bundle) {
		SourceState source = SourceState.of(bundle);
		if (source.error() != null) {
			details.put("notServed", source.error());
			return true;
		}
		if (source.differs() || (source.differsFromServed() == null && bundle.hasPendingChange())) {
			details.put("notServed", "The material of bundle '%s' at %s differs from the material served"
				.formatted(bundle.getName(), bundle.getSource().getLocations()));
			return true;
		}
		return false;
	}

	/**
	 * Report the consumers that serve older material than the bundle until the
	 * application restarts.
	 */
	private static boolean addRestartRequired(Map<String, Object> details, ManagedBundle bundle) {
		RestartRequired restartRequired = bundle.getRestartRequired();
		if (restartRequired == null) {
			return false;
		}
		Map<String, Object> restart = new LinkedHashMap<>();
		restart.put("since", restartRequired.since());
		restart.put("consumers", restartRequired.consumers());
		restart.put("message", restartRequired.describe(bundle.getName()));
		details.put("restartRequired", restart);
		return true;
	}

	/**
	 * Report the last fault of the watcher; it is a warning while changes are noticed
	 * less well than configured.
	 */
	private static boolean addWatcher(Map<String, Object> details, WatcherStatus status) {
		if (status == null || status.problem() == null) {
			return false;
		}
		Map<String, Object> watcher = new LinkedHashMap<>();
		watcher.put("state", status.state().name().toLowerCase(Locale.ROOT).replace('_', '-'));
		watcher.put("problem", status.problem());
		watcher.put("since", status.since());
		watcher.put("restarts", status.restarts());
		details.put("watcher", watcher);
		return status.isImpaired();
	}

	/**
	 * The status of the certificates, named as Spring Boot's health statuses are. There
	 * is no {@code DOWN}: as for Spring Boot's {@code ssl} indicator, a certificate that
	 * is not valid takes the application out of service, it does not mean that it is
	 * broken.
	 */
	public enum Status {

		/**
		 * Every served certificate is usable.
		 */
		UP,

		/**
		 * A served certificate that Spring Boot also checks is not valid, or a warning
		 * was found and warnings change the status.
		 */
		OUT_OF_SERVICE,

		/**
		 * The material that a bundle serves since startup is still being validated, and
		 * no other bundle is known to be out of service. Spring Boot's health groups rank
		 * it below {@code UP}: it does not change an application's health.
		 */
		UNKNOWN

	}

	/**
	 * The outcome of a check.
	 *
	 * @param status the status
	 * @param details the details of each bundle, by bundle name
	 */
	public record Report(Status status, Map<String, Object> details) {

	}

}
