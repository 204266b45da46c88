package io.github.hotcert.acme;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Waits for an order, authorization or challenge to reach a status, asking the CA again
 * after its {@code Retry-After}, or else after 250 ms, then twice as long each time up to
 * 3 s: a CA that validates at once answers at once, a slow one is not asked too often.
 */
final class AcmePolling {

	static final Duration FIRST_INTERVAL = Duration.ofMillis(250);

	static final Duration MAX_INTERVAL = Duration.ofSeconds(3);

	private final Clock clock;

	AcmePolling(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Wait until a resource reaches one of the given statuses.
	 * @param resource the resource
	 * @param statuses the statuses to wait for
	 * @param deadline when to give up
	 * @return the status reached
	 * @throws AcmeException if the CA cannot be asked
	 * @throws InterruptedException if the thread is interrupted
	 * @throws AcmeFailure if the deadline passes
	 */
	Status await(PollableResource resource, Set<Status> statuses, Instant deadline)
			throws AcmeException, InterruptedException, AcmeFailure {
		Duration interval = FIRST_INTERVAL;
		Status status = resource.getStatus();
		while (!statuses.contains(status)) {
			Instant now = this.clock.instant();
			if (!now.isBefore(deadline)) {
				throw new AcmeFailure("timeout", "The CA did not finish within the order timeout (status %s)"
					.formatted(status.name().toLowerCase(Locale.ROOT)));
			}
			Optional<Instant> retryAfter = resource.fetch();
			status = resource.getStatus();
			if (statuses.contains(status)) {
				break;
			}
			Instant next = retryAfter.filter(now::isBefore).orElse(now.plus(interval));
			if (next.isAfter(deadline)) {
				next = deadline;
			}
			Thread.sleep(Math.max(0, Duration.between(this.clock.instant(), next).toMillis()));
			interval = interval.multipliedBy(2);
			if (interval.compareTo(MAX_INTERVAL) > 0) {
				interval = MAX_INTERVAL;
			}
		}
		return status;
	}

}
