package io.github.hotcert.reload;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReloadRecord}.
 */
class ReloadRecordTests {

	private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

	@Test
	void countsReloadsAndRejectionsAndTheRejectionsSinceTheLastSuccess() {
		ReloadResult reloaded = result(ReloadTrigger.WATCH, ReloadOutcome.RELOADED, 1);
		ReloadResult rejected = result(ReloadTrigger.WATCH, ReloadOutcome.REJECTED, 2);
		ReloadResult again = result(ReloadTrigger.POLL, ReloadOutcome.REJECTED, 3);
		ReloadRecord record = ReloadRecord.NONE.next(reloaded, false, 20)
			.next(rejected, true, 20)
			.next(again, true, 20);
		assertThat(record.lastResult()).isEqualTo(again);
		assertThat(record.lastSuccess()).isEqualTo(reloaded.time());
		assertThat(record.reloadCount()).isOne();
		assertThat(record.rejectionCount()).isEqualTo(2);
		assertThat(record.consecutiveFailures()).isEqualTo(2);
		assertThat(record.pendingChange()).isTrue();
		assertThat(record.history()).containsExactly(again, rejected, reloaded);
		ReloadRecord fixed = record.next(result(ReloadTrigger.WATCH, ReloadOutcome.RELOADED, 4), false, 20);
		assertThat(fixed.consecutiveFailures()).isZero();
		assertThat(fixed.pendingChange()).isFalse();
	}

	@Test
	void countsTheStartupAsASuccessButNoOtherUnchangedResult() {
		ReloadResult startup = result(ReloadTrigger.STARTUP, ReloadOutcome.UNCHANGED, 1);
		ReloadRecord record = ReloadRecord.NONE.next(startup, false, 20)
			.next(result(ReloadTrigger.MANUAL, ReloadOutcome.UNCHANGED, 2), false, 20);
		assertThat(record.lastSuccess()).isEqualTo(startup.time());
		assertThat(record.reloadCount()).isZero();
	}

	@Test
	void keepsTheNewestResultsUpToTheHistorySize() {
		ReloadRecord record = ReloadRecord.NONE;
		for (int i = 1; i <= 5; i++) {
			record = record.next(result(ReloadTrigger.WATCH, ReloadOutcome.RELOADED, i), false, 3);
		}
		assertThat(record.history()).extracting(ReloadResult::time)
			.containsExactly(NOW.plusSeconds(5), NOW.plusSeconds(4), NOW.plusSeconds(3));
		assertThat(ReloadRecord.NONE.next(record.lastResult(), false, 0).history()).isEmpty();
	}

	private static ReloadResult result(ReloadTrigger trigger, ReloadOutcome outcome, int second) {
		return new ReloadResult("web", trigger, outcome, NOW.plusSeconds(second), Duration.ofMillis(5), null, null,
				null, outcome.id(), null, null);
	}

}
