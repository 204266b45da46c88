package io.github.hotcert.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.github.hotcert.watch.Debounce.Stable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Debounce}, with explicit times: nothing here waits.
 */
class DebounceTests {

	private static final long MS = 1_000_000L;

	private static final ContentSnapshot HALF = snapshot("half");

	private static final ContentSnapshot FULL = snapshot("full");

	private final Debounce debounce = new Debounce(Duration.ofMillis(250), Duration.ofSeconds(2));

	@Test
	void isIdleUntilSomethingHappens() {
		assertThat(this.debounce.isIdle()).isTrue();
		assertThat(this.debounce.isDue(0)).isFalse();
		assertThat(this.debounce.nanosUntilDue(0)).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void readsOneQuietPeriodAfterTheLastEvent() {
		this.debounce.onEvent(0);
		this.debounce.onEvent(100 * MS);
		assertThat(this.debounce.isDue(349 * MS)).isFalse();
		assertThat(this.debounce.isDue(350 * MS)).isTrue();
	}

	@Test
	void continuousEventsCannotPostponeTheReadBeyondTheMaximumWait() {
		this.debounce.onEvent(0);
		for (long now = 100 * MS; now < 2000 * MS; now += 100 * MS) {
			assertThat(this.debounce.isDue(now)).as("due at %d ms", now / MS).isFalse();
			this.debounce.onEvent(now);
		}
		assertThat(this.debounce.nanosUntilDue(1950 * MS)).isEqualTo(50 * MS);
		assertThat(this.debounce.isDue(2000 * MS)).isTrue();
	}

	@Test
	void actsWhenAReadShortlyAfterTheFirstOneIsEqual() {
		this.debounce.onEvent(0);
		assertThat(this.debounce.onRead(250 * MS, FULL)).isNull();
		assertThat(this.debounce.isDue(299 * MS)).isFalse();
		assertThat(this.debounce.isDue(300 * MS)).isTrue();
		Stable stable = this.debounce.onRead(300 * MS, FULL);
		assertThat(stable.snapshot()).isEqualTo(FULL);
		assertThat(stable.origin()).isEqualTo(ChangeOrigin.EVENT);
		assertThat(stable.settled()).isTrue();
		assertThat(this.debounce.isIdle()).isTrue();
	}

	@Test
	void readsAgainOneQuietPeriodLaterWhileContentStillChanges() {
		this.debounce.onEvent(0);
		assertThat(this.debounce.onRead(250 * MS, HALF)).isNull();
		assertThat(this.debounce.onRead(300 * MS, FULL)).isNull();
		assertThat(this.debounce.isDue(549 * MS)).isFalse();
		Stable stable = this.debounce.onRead(550 * MS, FULL);
		assertThat(stable.snapshot()).isEqualTo(FULL);
		assertThat(stable.reads()).isEqualTo(3);
	}

	@Test
	void givesUpWaitingForStableContentAfterMaximumReads() {
		this.debounce.onEvent(0);
		long now = 250 * MS;
		Stable stable = null;
		for (int i = 0; stable == null; i++) {
			stable = this.debounce.onRead(now, snapshot("version " + i));
			now += 250 * MS;
		}
		assertThat(stable.settled()).isFalse();
		assertThat(stable.reads()).isEqualTo(Debounce.MAX_READS);
	}

	@Test
	void differenceFoundByPollingIsConfirmedOneQuietPeriodLater() {
		this.debounce.onPollDifference(0, HALF);
		assertThat(this.debounce.isDue(249 * MS)).isFalse();
		assertThat(this.debounce.onRead(250 * MS, FULL)).isNull();
		Stable stable = this.debounce.onRead(500 * MS, FULL);
		assertThat(stable.origin()).isEqualTo(ChangeOrigin.POLL);
	}

	@Test
	void eventsWhileReadingStartAnotherWait() {
		this.debounce.onEvent(0);
		this.debounce.onRead(250 * MS, FULL);
		this.debounce.onEvent(280 * MS);
		assertThat(this.debounce.onRead(300 * MS, FULL)).isNotNull();
		assertThat(this.debounce.isIdle()).isFalse();
		assertThat(this.debounce.isDue(549 * MS)).isFalse();
		assertThat(this.debounce.isDue(550 * MS)).isTrue();
	}

	@Test
	void confirmsWithinTheQuietPeriodWhenItIsShorterThanTheConfirmInterval() {
		Debounce fast = new Debounce(Duration.ofMillis(20), Duration.ofSeconds(2));
		fast.onEvent(0);
		assertThat(fast.onRead(20 * MS, FULL)).isNull();
		assertThat(fast.isDue(40 * MS)).isTrue();
	}

	@Test
	void readsAnAtomicChangeAtOnceAndTakesTheFirstRead() {
		this.debounce.onAtomicChange(0);
		assertThat(this.debounce.isDue(0)).isTrue();
		Stable stable = this.debounce.onRead(1 * MS, FULL);
		assertThat(stable.snapshot()).isEqualTo(FULL);
		assertThat(stable.atomic()).isTrue();
		assertThat(stable.settling()).isFalse();
		assertThat(stable.reads()).isEqualTo(1);
		assertThat(this.debounce.isIdle()).isTrue();
	}

	@Test
	void atomicChangeCutsTheWaitOfEarlierEventsShort() {
		this.debounce.onEvent(0);
		this.debounce.onEvent(100 * MS);
		this.debounce.onAtomicChange(120 * MS);
		assertThat(this.debounce.isDue(120 * MS)).isTrue();
		assertThat(this.debounce.onRead(121 * MS, FULL).atomic()).isTrue();
	}

	@Test
	void atomicChangeWhileConfirmingIsReadAtOnce() {
		this.debounce.onEvent(0);
		assertThat(this.debounce.onRead(250 * MS, HALF)).isNull();
		this.debounce.onAtomicChange(260 * MS);
		assertThat(this.debounce.isDue(260 * MS)).isTrue();
		Stable stable = this.debounce.onRead(261 * MS, FULL);
		assertThat(stable.atomic()).isTrue();
		assertThat(stable.snapshot()).isEqualTo(FULL);
	}

	@Test
	void readThatIsNotAtomicWithinTheMaximumWaitIsSettling() {
		this.debounce.onEvent(0);
		this.debounce.onRead(250 * MS, HALF);
		Stable stable = this.debounce.onRead(300 * MS, HALF);
		assertThat(stable.atomic()).isFalse();
		assertThat(stable.settling()).isTrue();
	}

	@Test
	void readThatIsNotAtomicAfterTheMaximumWaitIsNotSettling() {
		this.debounce.onEvent(0);
		for (long now = 100 * MS; now < 2000 * MS; now += 100 * MS) {
			this.debounce.onEvent(now);
		}
		this.debounce.onRead(2000 * MS, HALF);
		Stable stable = this.debounce.onRead(2050 * MS, HALF);
		assertThat(stable.settling()).isFalse();
	}

	@Test
	void incompleteContentIsReadAgainEveryQuietPeriodWithoutActing() {
		this.debounce.onEvent(0);
		this.debounce.onRead(250 * MS, HALF);
		this.debounce.onIncomplete(300 * MS, this.debounce.onRead(300 * MS, HALF).snapshot());
		assertThat(this.debounce.isIdle()).isFalse();
		assertThat(this.debounce.isDue(549 * MS)).isFalse();
		assertThat(this.debounce.isDue(550 * MS)).isTrue();
		assertThat(this.debounce.onRead(550 * MS, HALF)).isNull();
		assertThat(this.debounce.isDue(799 * MS)).isFalse();
		assertThat(this.debounce.isDue(800 * MS)).isTrue();
	}

	@Test
	void incompleteContentThatChangesIsReadUntilStableAndActedOnAgain() {
		this.debounce.onEvent(0);
		this.debounce.onRead(250 * MS, HALF);
		this.debounce.onIncomplete(300 * MS, this.debounce.onRead(300 * MS, HALF).snapshot());
		this.debounce.onEvent(400 * MS);
		assertThat(this.debounce.isDue(649 * MS)).isFalse();
		assertThat(this.debounce.onRead(650 * MS, FULL)).isNull();
		Stable stable = this.debounce.onRead(700 * MS, FULL);
		assertThat(stable.snapshot()).isEqualTo(FULL);
		assertThat(stable.settling()).isTrue();
	}

	@Test
	void incompleteContentThatStaysIsFinalOnceTheMaximumWaitIsOver() {
		this.debounce.onEvent(0);
		this.debounce.onRead(250 * MS, HALF);
		this.debounce.onIncomplete(300 * MS, this.debounce.onRead(300 * MS, HALF).snapshot());
		long now = 300 * MS;
		Stable stable = null;
		while (stable == null) {
			now += this.debounce.nanosUntilDue(now);
			assertThat(now).isLessThanOrEqualTo(2000 * MS);
			stable = this.debounce.onRead(now, HALF);
		}
		assertThat(now).isEqualTo(2000 * MS);
		assertThat(stable.snapshot()).isEqualTo(HALF);
		assertThat(stable.settling()).isFalse();
		assertThat(this.debounce.isIdle()).isTrue();
	}

	@Test
	void eventsWhileReadingAnIncompleteChangeWaitWithinTheSameMaximumWait() {
		this.debounce.onEvent(0);
		this.debounce.onRead(250 * MS, HALF);
		this.debounce.onEvent(280 * MS);
		Stable stable = this.debounce.onRead(300 * MS, HALF);
		this.debounce.onIncomplete(300 * MS, stable.snapshot());
		for (long now = 400 * MS; now < 2000 * MS; now += 100 * MS) {
			this.debounce.onEvent(now);
		}
		assertThat(this.debounce.isDue(1999 * MS)).isFalse();
		assertThat(this.debounce.isDue(2000 * MS)).isTrue();
	}

	@Test
	void atomicChangeEndsAnIncompleteChange() {
		this.debounce.onEvent(0);
		this.debounce.onRead(250 * MS, HALF);
		this.debounce.onIncomplete(300 * MS, this.debounce.onRead(300 * MS, HALF).snapshot());
		this.debounce.onAtomicChange(400 * MS);
		Stable stable = this.debounce.onRead(400 * MS, FULL);
		assertThat(stable.atomic()).isTrue();
		assertThat(stable.settling()).isFalse();
	}

	@Test
	void settlingReadsAreNeverCloserThanTheConfirmInterval() {
		Debounce noQuiet = new Debounce(Duration.ZERO, Duration.ofSeconds(2));
		noQuiet.onEvent(0);
		noQuiet.onRead(0, HALF);
		noQuiet.onIncomplete(0, noQuiet.onRead(0, HALF).snapshot());
		assertThat(noQuiet.nanosUntilDue(0)).isEqualTo(Debounce.CONFIRM_INTERVAL.toNanos());
	}

	private static ContentSnapshot snapshot(String digest) {
		return new ContentSnapshot(Map.of(Path.of("tls.crt"), digest));
	}

}
