package io.github.hotcert.acme;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How long to wait before ordering again after failed orders: exponential, from an
 * initial to a maximum interval, and never longer than a tenth of the time the served
 * certificate has left, so that retries come more often as expiry nears. A pure function:
 * the caller passes the number of failures and the time left.
 *
 * @param initialInterval the delay after the first failure
 * @param maxInterval the longest delay
 */
public record Backoff(Duration initialInterval, Duration maxInterval) {

	public Backoff {
		Assert.isTrue(initialInterval != null && initialInterval.toMillis() > 0, "'initialInterval' must be positive");
		Assert.isTrue(maxInterval != null && maxInterval.compareTo(initialInterval) >= 0,
				"'maxInterval' must not be shorter than 'initialInterval'");
	}

	/**
	 * Return the delay before the next order.
	 * @param failures the number of orders that failed in a row, at least 1
	 * @param timeToExpiry the time the served certificate has left, or {@code null} when
	 * no certificate of the CA is served
	 * @return the delay
	 */
	public Duration delay(int failures, Duration timeToExpiry) {
		Assert.isTrue(failures > 0, "'failures' must be positive");
		Duration delay = this.initialInterval;
		for (int i = 1; i < failures && delay.compareTo(this.maxInterval) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		if (delay.compareTo(this.maxInterval) > 0) {
			delay = this.maxInterval;
		}
		if (timeToExpiry != null) {
			Duration nearExpiry = timeToExpiry.dividedBy(10);
			Duration cap = (nearExpiry.compareTo(this.initialInterval) > 0) ? nearExpiry : this.initialInterval;
			if (delay.compareTo(cap) > 0) {
				delay = cap;
			}
		}
		return delay;
	}

}
