package io.github.hotcert.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

import io.github.hotcert.source.Durations;

import org.springframework.util.Assert;

/**
 * Decides when one bundle's certificate is renewed. Without renewal information from the
 * CA, when a fixed part of its lifetime remains (one third by default). When the CA
 * suggests a renewal window (ACME Renewal Information, RFC 9773), at a moment chosen
 * uniformly at random inside it, kept while the CA suggests the same window, and at once
 * when the window has passed; the CA is asked again after its {@code Retry-After}
 * (between one minute and one day, six hours without one). A certificate that is not the
 * CA's (the temporary certificate) is renewed at once. Pure: the time comes from a
 * {@link Clock} and the random moment from a {@link RandomGenerator}, both passed in.
 */
final class RenewalPlanner {

	static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofHours(6);

	static final Duration MIN_CHECK_INTERVAL = Duration.ofMinutes(1);

	static final Duration MAX_CHECK_INTERVAL = Duration.ofDays(1);

	private final double renewalRatio;

	private final RandomGenerator random;

	private RenewalWindow chosenWindow;

	private Instant chosen;

	/**
	 * Create a new {@link RenewalPlanner}.
	 * @param renewalRatio the part of the lifetime that remains when a certificate is
	 * renewed without renewal information, between 0 and 1
	 * @param random the source of the random moment inside a renewal window
	 */
	RenewalPlanner(double renewalRatio, RandomGenerator random) {
		Assert.isTrue(renewalRatio > 0 && renewalRatio < 1, "'renewalRatio' must be between 0 and 1");
		this.renewalRatio = renewalRatio;
		this.random = random;
	}

	/**
	 * Plan the renewal of a certificate that is not the CA's, or of no certificate.
	 * @param now the time
	 * @param reason why, in words
	 * @return a plan to renew now
	 */
	RenewalPlan now(Instant now, String reason) {
		return new RenewalPlan(now, now, reason);
	}

	/**
	 * Plan the renewal of a certificate of the CA.
	 * @param now the time
	 * @param notBefore the start of its validity
	 * @param notAfter the end of its validity
	 * @param window the renewal window the CA suggests, or {@code null} when the CA
	 * offers no renewal information
	 * @return the plan
	 */
	synchronized RenewalPlan plan(Instant now, Instant notBefore, Instant notAfter, RenewalWindow window) {
		Duration lifetime = Duration.between(notBefore, notAfter);
		Duration remaining = Duration.ofMillis((long) (lifetime.toMillis() * this.renewalRatio));
		Instant byLifetime = notAfter.minus(remaining);
		String lifetimeBasis = "%s of the certificate's lifetime of %s left".formatted(Durations.describe(remaining),
				Durations.describe(lifetime));
		if (window == null) {
			return new RenewalPlan(byLifetime, byLifetime, lifetimeBasis);
		}
		Instant checkAt = now.plus(checkInterval(window.retryAfter(), now));
		if (!window.isValid() || !window.start().isBefore(notAfter)) {
			Instant renewAt = byLifetime;
			return new RenewalPlan(renewAt, earlier(checkAt, renewAt), lifetimeBasis
					+ " (the CA's renewal window %s to %s is not usable)".formatted(window.start(), window.end()));
		}
		Instant renewAt = choose(window, now);
		String basis = "a random moment in the renewal window the CA suggests, %s to %s".formatted(window.start(),
				window.end());
		return new RenewalPlan(renewAt, earlier(checkAt, renewAt), basis);
	}

	private Instant choose(RenewalWindow window, Instant now) {
		if (!now.isBefore(window.end())) {
			return now;
		}
		if (window.sameWindow(this.chosenWindow) && this.chosen != null) {
			return this.chosen;
		}
		Instant from = window.start().isAfter(now) ? window.start() : now;
		long span = Duration.between(from, window.end()).toMillis();
		this.chosen = from.plusMillis((span > 0) ? this.random.nextLong(span) : 0);
		this.chosenWindow = window;
		return this.chosen;
	}

	private static Duration checkInterval(Instant retryAfter, Instant now) {
		if (retryAfter == null) {
			return DEFAULT_CHECK_INTERVAL;
		}
		Duration interval = Duration.between(now, retryAfter);
		if (interval.compareTo(MIN_CHECK_INTERVAL) < 0) {
			return MIN_CHECK_INTERVAL;
		}
		return (interval.compareTo(MAX_CHECK_INTERVAL) > 0) ? MAX_CHECK_INTERVAL : interval;
	}

	private static Instant earlier(Instant first, Instant second) {
		return first.isBefore(second) ? first : second;
	}

}
