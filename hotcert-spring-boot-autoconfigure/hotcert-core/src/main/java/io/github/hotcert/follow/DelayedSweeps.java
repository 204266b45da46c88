package io.github.hotcert.follow;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the sweeps of the sessions of a bundle again a little after it followed new
 * material. A handshake that was under way when the material changed ends with the
 * previous material, and the client may cache its session after the first sweep: a later
 * connection would resume it and present the previous certificate until the session
 * expires. Sweeping again once such handshakes have ended removes those sessions; it
 * costs a full handshake more per client, twice per reload. The one daemon thread lives
 * only while sweeps are due.
 */
final class DelayedSweeps {

	private static final List<Duration> DELAYS = List.of(Duration.ofSeconds(2), Duration.ofSeconds(30));

	private static final ScheduledThreadPoolExecutor executor = executor();

	private DelayedSweeps() {
	}

	/**
	 * Run a sweep again after each delay.
	 * @param sweep the sweep
	 */
	static void schedule(Runnable sweep) {
		for (Duration delay : DELAYS) {
			executor.schedule(sweep, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private static ScheduledThreadPoolExecutor executor() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "hotcert-session-sweeps");
			thread.setDaemon(true);
			return thread;
		});
		executor.setKeepAliveTime(1, TimeUnit.SECONDS);
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

}
