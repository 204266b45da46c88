package io.github.hotcert.acme;

import java.time.Duration;
import java.time.Instant;

/**
 * Runs the work of the ACME bundles at the times it asks for.
 */
interface AcmeScheduler {

	/**
	 * Run a task of a bundle at a time, instead of the task scheduled for the bundle
	 * before.
	 * @param bundle the bundle name
	 * @param task the task
	 * @param at when to run it; now or in the past runs it as soon as possible
	 */
	void schedule(String bundle, Runnable task, Instant at);

	/**
	 * Run a task repeatedly, on another thread than the scheduled tasks, until the
	 * returned handle is closed.
	 * @param task the task
	 * @param interval the time between two runs
	 * @return the handle that stops it
	 */
	Repeating repeat(Runnable task, Duration interval);

	/**
	 * Return whether the scheduler stopped: the application is stopping, and work that
	 * failed because it was interrupted is not a failure to report.
	 * @return whether stopped
	 */
	boolean isStopped();

	/**
	 * A task that runs repeatedly.
	 */
	interface Repeating extends AutoCloseable {

		/**
		 * Stop the task: once this returns, the task is not running and does not run
		 * again. A run in progress is waited for.
		 */
		@Override
		void close();

	}

}
