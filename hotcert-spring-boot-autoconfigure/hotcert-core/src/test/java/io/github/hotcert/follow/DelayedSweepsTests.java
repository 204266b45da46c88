package io.github.hotcert.follow;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DelayedSweeps}.
 */
class DelayedSweepsTests {

	@Test
	void runsASweepLaterOnADaemonThread() {
		List<Thread> threads = new CopyOnWriteArrayList<>();
		DelayedSweeps.schedule(() -> threads.add(Thread.currentThread()));
		await().atMost(Duration.ofSeconds(20)).until(() -> !threads.isEmpty());
		assertThat(threads.get(0).getName()).isEqualTo("hotcert-session-sweeps");
		assertThat(threads.get(0).isDaemon()).isTrue();
	}

}
