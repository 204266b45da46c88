package io.github.hotcert.acme;

import java.time.Instant;

/**
 * When to renew a certificate, and when to look again.
 *
 * @param renewAt when to order the next certificate
 * @param checkAt when to check again (ask the CA for renewal information again), never
 * after {@code renewAt}
 * @param basis why that moment, in words
 */
public record RenewalPlan(Instant renewAt, Instant checkAt, String basis) {

	/**
	 * Return whether renewal is due at the given time.
	 * @param now the time
	 * @return whether the renewal time has come
	 */
	public boolean isDue(Instant now) {
		return !this.renewAt.isAfter(now);
	}

}
