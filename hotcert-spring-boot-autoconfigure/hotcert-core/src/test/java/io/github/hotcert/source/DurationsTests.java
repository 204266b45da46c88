package io.github.hotcert.source;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Durations}.
 */
class DurationsTests {

	@Test
	void describesInTheLargestUnitOfWhichThereAreAtLeastTwo() {
		assertThat(Durations.describe(Duration.ofDays(14))).isEqualTo("14 days");
		assertThat(Durations.describe(Duration.ofHours(47))).isEqualTo("47 hours");
		assertThat(Durations.describe(Duration.ofHours(2))).isEqualTo("2 hours");
		assertThat(Durations.describe(Duration.ofMinutes(119))).isEqualTo("119 minutes");
		assertThat(Durations.describe(Duration.ofSeconds(119))).isEqualTo("119 seconds");
		assertThat(Durations.describe(Duration.ZERO)).isEqualTo("0 seconds");
	}

	@Test
	void describesTheLengthOfANegativeDuration() {
		assertThat(Durations.describe(Duration.ofDays(-3))).isEqualTo("3 days");
	}

}
