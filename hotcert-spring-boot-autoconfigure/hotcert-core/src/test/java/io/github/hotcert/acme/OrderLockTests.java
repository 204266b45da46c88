package io.github.hotcert.acme;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.github.hotcert.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OrderLock}: instances are played by locks with different owners on one
 * file, and time by a clock the test moves.
 */
class OrderLockTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

	@TempDir
	Path directory;

	@Test
	void oneInstanceAtATimeHoldsTheLock() throws Exception {
		OrderLock.Hold hold = lock("a").tryAcquire();
		assertThat(hold).isNotNull();
		assertThat(lock("b").tryAcquire()).isNull();
		assertThat(lock("b").holder().owner()).isEqualTo("a");
		hold.close();
		assertThat(lock("b").tryAcquire()).isNotNull();
	}

	@Test
	void lockOfAHolderThatStoppedRefreshingGoesStaleAndIsTakenOver() throws Exception {
		OrderLock.Hold dead = lock("a").tryAcquire();
		this.clock.advance(TIMEOUT.minusSeconds(1));
		assertThat(lock("b").tryAcquire()).isNull();
		this.clock.advance(Duration.ofSeconds(1));
		OrderLock.Hold taken = lock("b").tryAcquire();
		assertThat(taken).isNotNull();
		assertThat(dead.isHeld()).isFalse();
		assertThat(dead.refresh()).as("the dead holder, come back, learns it lost the lock").isFalse();
		dead.close();
		assertThat(taken.isHeld()).as("closing a lost hold leaves the new holder's lock").isTrue();
	}

	@Test
	void refreshingKeepsTheLockAcrossTheTimeout() throws Exception {
		OrderLock.Hold hold = lock("a").tryAcquire();
		for (int i = 0; i < 5; i++) {
			this.clock.advance(TIMEOUT.dividedBy(3));
			assertThat(hold.refresh()).isTrue();
			assertThat(lock("b").tryAcquire()).isNull();
		}
	}

	@Test
	void unreadableLockIsStale() throws Exception {
		Files.writeString(this.directory.resolve("order.lock"), "owner=a\nexpires=garbage\n");
		assertThat(lock("b").tryAcquire()).isNotNull();
	}

	@Test
	void onlyOneOfSeveralInstancesTakesOverAStaleLock() throws Exception {
		lock("dead").tryAcquire();
		this.clock.advance(TIMEOUT.multipliedBy(2));
		int held = 0;
		for (String owner : new String[] { "a", "b", "c" }) {
			if (lock(owner).tryAcquire() != null) {
				held++;
			}
		}
		assertThat(held).isEqualTo(1);
	}

	private OrderLock lock(String owner) {
		return new OrderLock(this.directory.resolve("order.lock"), TIMEOUT, this.clock, owner);
	}

}
