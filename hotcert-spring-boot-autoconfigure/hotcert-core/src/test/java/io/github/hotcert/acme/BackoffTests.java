package io.github.hotcert.acme;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Backoff}.
 */
class BackoffTests {

	private final Backoff backoff = new Backoff(Duration.ofMinutes(1), Duration.ofHours(4));

	@Test
	void doublesFromTheInitialIntervalUpToTheMaximum() {
		assertThat(this.backoff.delay(1, null)).isEqualTo(Duration.ofMinutes(1));
		assertThat(this.backoff.delay(2, null)).isEqualTo(Duration.ofMinutes(2));
		assertThat(this.backoff.delay(3, null)).isEqualTo(Duration.ofMinutes(4));
		assertThat(this.backoff.delay(8, null)).isEqualTo(Duration.ofMinutes(128));
		assertThat(this.backoff.delay(9, null)).isEqualTo(Duration.ofHours(4));
		assertThat(this.backoff.delay(1000, null)).isEqualTo(Duration.ofHours(4));
	}

	@Test
	void retriesSoonerAsExpiryNears() {
		assertThat(this.backoff.delay(9, Duration.ofDays(20))).isEqualTo(Duration.ofHours(4));
		assertThat(this.backoff.delay(9, Duration.ofHours(20))).isEqualTo(Duration.ofHours(2));
		assertThat(this.backoff.delay(9, Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(3));
		assertThat(this.backoff.delay(9, Duration.ofMinutes(5))).as("never below the initial interval")
			.isEqualTo(Duration.ofMinutes(1));
		assertThat(this.backoff.delay(9, Duration.ofMinutes(-5))).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void refusesAMaximumShorterThanTheInitialInterval() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ofHours(1), Duration.ofMinutes(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofMinutes(1)));
	}

}
