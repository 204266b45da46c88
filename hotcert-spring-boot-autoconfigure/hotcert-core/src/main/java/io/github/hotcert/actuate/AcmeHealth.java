package io.github.hotcert.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.hotcert.acme.AcmeBundle;
import io.github.hotcert.acme.AcmeBundleStatus;
import io.github.hotcert.acme.AcmeBundles;
import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.source.Durations;

import org.springframework.util.Assert;

/**
 * The health of the ACME bundles, independent of the health API of a Spring Boot line:
 * each line adapts the {@link Report} to its own health indicator, named {@code acme}.
 * The status is {@link Status#DOWN DOWN} when an ACME bundle's orders keep failing while
 * its certificate is about to become useless: the temporary certificate is served (no
 * client trusts it), or less than half of the time left at renewal remains (with the
 * default renewal ratio, a sixth of the certificate's lifetime), or it expired. A failed
 * order with time left is reported in the details only: the backoff retries it.
 */
public class AcmeHealth {

	private final AcmeBundles bundles;

	private final Clock clock;

	/**
	 * Create a new {@link AcmeHealth}.
	 * @param bundles the ACME bundles
	 * @param clock the clock
	 */
	public AcmeHealth(AcmeBundles bundles, Clock clock) {
		Assert.notNull(bundles, "'bundles' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.bundles = bundles;
		this.clock = clock;
	}

	/**
	 * Check every ACME bundle.
	 * @return the status and the details of each bundle
	 */
	public Report check() {
		boolean down = false;
		Map<String, Object> details = new LinkedHashMap<>();
		for (AcmeBundle bundle : this.bundles.getBundles()) {
			Map<String, Object> bundleDetails = new LinkedHashMap<>();
			AcmeBundleStatus status = bundle.getStatus();
			bundleDetails.put("state", status.getState().id());
			bundleDetails.put("temporaryCertificate", status.isTemporary());
			CertificateInfo certificate = status.getCertificate();
			if (certificate != null) {
				bundleDetails.put("notAfter", certificate.notAfter());
			}
			if (status.getNextAttempt() != null) {
				bundleDetails.put("nextRenewal", status.getNextAttempt());
			}
			if (status.getConsecutiveFailures() > 0) {
				// Failures in a row always come with the order that failed last
				bundleDetails.put("consecutiveFailures", status.getConsecutiveFailures());
				bundleDetails.put("lastError", status.getLastOrder().error());
				String reason = downReason(bundle, status, certificate);
				if (reason != null) {
					bundleDetails.put("down", reason);
					down = true;
				}
			}
			details.put(bundle.getName(), bundleDetails);
		}
		return new Report(down ? Status.DOWN : Status.UP, details);
	}

	private String downReason(AcmeBundle bundle, AcmeBundleStatus status, CertificateInfo certificate) {
		int count = status.getConsecutiveFailures();
		String failures = (count == 1) ? "the last order failed" : "the last %d orders failed".formatted(count);
		if (status.isTemporary() || certificate == null) {
			return failures + " and only the temporary certificate, which clients do not trust, is served";
		}
		Instant now = this.clock.instant();
		Duration left = Duration.between(now, certificate.notAfter());
		if (left.isNegative() || left.isZero()) {
			return failures + " and the certificate expired at " + certificate.notAfter();
		}
		Duration lifetime = Duration.between(certificate.notBefore(), certificate.notAfter());
		Duration threshold = Duration.ofMillis((long) (lifetime.toMillis() * bundle.getSettings().renewalRatio() / 2));
		if (left.compareTo(threshold) < 0) {
			return failures + " and the certificate expires in " + Durations.describe(left);
		}
		return null;
	}

	/**
	 * The status of the ACME bundles, named as Spring Boot's health statuses are.
	 */
	public enum Status {

		/**
		 * Every ACME bundle serves a certificate of its CA with time left, or its orders
		 * succeed.
		 */
		UP,

		/**
		 * Orders of an ACME bundle keep failing and its certificate is untrusted, expired
		 * or about to expire.
		 */
		DOWN

	}

	/**
	 * The outcome of a check.
	 *
	 * @param status the status
	 * @param details the details of each ACME bundle, by bundle name
	 */
	public record Report(Status status, Map<String, Object> details) {

	}

}
