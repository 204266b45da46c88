package io.github.hotcert.acme;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ExecutorAcmeScheduler}.
 */
class ExecutorAcmeSchedulerTests {

	private final ExecutorAcmeScheduler scheduler = new ExecutorAcmeScheduler(Clock.systemUTC());

	@AfterEach
	void shutdown() {
		this.scheduler.shutdown();
	}

	@Test
	void neverRunsATaskBeforeItsTime() throws Exception {
		Clock clock = Clock.systemUTC();
		for (int i = 0; i < 20; i++) {
			Instant at = clock.instant().plusNanos(900_000);
			CompletableFuture<Instant> ran = new CompletableFuture<>();
			this.scheduler.schedule("web", () -> ran.complete(clock.instant()), at);
			assertThat(ran.get(10, TimeUnit.SECONDS)).isAfterOrEqualTo(at);
		}
	}

	@Test
	void runsATaskAgainAfterAnErrorThatIsNotAnException() throws Exception {
		// Each reading of this clock is a minute after the previous one, so that the
		// retry a minute later is due at once
		Instant start = Instant.parse("2026-12-07T10:00:00Z");
		AtomicInteger readings = new AtomicInteger();
		Clock stepping = new Clock() {

			@Override
			public Instant instant() {
				return start.plus(ExecutorAcmeScheduler.RETRY_AFTER_ERROR.multipliedBy(readings.getAndIncrement()));
			}

			@Override
			public ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(ZoneId zone) {
				throw new UnsupportedOperationException();
			}

		};
		ExecutorAcmeScheduler scheduler = new ExecutorAcmeScheduler(stepping);
		try {
			AtomicInteger runs = new AtomicInteger();
			CompletableFuture<Integer> completed = new CompletableFuture<>();
			scheduler.schedule("web", () -> {
				if (runs.incrementAndGet() == 1) {
					throw new StackOverflowError("injected");
				}
				completed.complete(runs.get());
			}, start);
			assertThat(completed.get(10, TimeUnit.SECONDS)).isEqualTo(2);
		}
		finally {
			scheduler.shutdown();
		}
	}

	@Test
	void stoppingARepeatedTaskWaitsForTheRunInProgress() throws Exception {
		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger runs = new AtomicInteger();
		AcmeScheduler.Repeating repeating = this.scheduler.repeat(() -> {
			runs.incrementAndGet();
			running.countDown();
			await(release);
		}, Duration.ofMillis(1));
		assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
		CountDownLatch stopped = new CountDownLatch(1);
		Thread stopper = new Thread(() -> {
			repeating.close();
			stopped.countDown();
		});
		stopper.start();
		assertThat(stopped.await(200, TimeUnit.MILLISECONDS)).as("stopped while the task still runs").isFalse();
		release.countDown();
		assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
		int runsWhenStopped = runs.get();
		Thread.sleep(50);
		assertThat(runs).as("runs after the stop").hasValue(runsWhenStopped);
	}

	@Test
	void runsARepeatedTaskUntilItIsStopped() throws Exception {
		CountDownLatch threeRuns = new CountDownLatch(3);
		AcmeScheduler.Repeating repeating = this.scheduler.repeat(threeRuns::countDown, Duration.ofMillis(1));
		assertThat(threeRuns.await(10, TimeUnit.SECONDS)).isTrue();
		repeating.close();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
