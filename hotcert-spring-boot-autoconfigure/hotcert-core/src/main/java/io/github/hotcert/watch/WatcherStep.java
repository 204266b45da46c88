package io.github.hotcert.watch;

/**
 * One step of a {@link WatcherThread} (waiting for events, reading the files of a
 * registration, acting on a change) and the time by which it should be done. Time is
 * given in {@link System#nanoTime() nanoseconds} by the caller, so the rule can be
 * checked without waiting.
 *
 * @param deadline the time by which the step should be done
 * @param activity what the thread does, for messages
 */
record WatcherStep(long deadline, String activity) {

	/**
	 * Return the step that starts now.
	 * @param now the current time
	 * @param expected how long the step is expected to take (a wait), zero for work
	 * @param allowance how much longer it may take before it is overdue (the stall
	 * timeout)
	 * @param activity what the thread does
	 * @return the step
	 */
	static WatcherStep starting(long now, long expected, long allowance, String activity) {
		return new WatcherStep(now + expected + allowance, activity);
	}

	/**
	 * Return whether the step should have ended by the given time.
	 * @param now the current time
	 * @return whether the step is overdue
	 */
	boolean isOverdue(long now) {
		return now - this.deadline > 0;
	}

}
