package io.github.hotcert.watch;

import java.time.Duration;

/**
 * When the files of one registration are read, and when a read is final. Time is given in
 * {@link System#nanoTime() nanoseconds} by the caller, so the rules can be checked
 * without waiting.
 * <ol>
 * <li>An event starts the wait for quiet. Each further event pushes the first read back
 * to one quiet period after it, but never beyond the maximum wait after the first
 * event.</li>
 * <li>Files are then read until two consecutive reads hash the same, so that a file still
 * being written is never acted on half-written. The read that confirms the first one
 * comes {@link #CONFIRM_INTERVAL shortly} after it (file events report any later write);
 * when the content still changed, the next read waits one quiet period. After
 * {@value #MAX_READS} reads the last one is final anyway.</li>
 * <li>Events that arrive while reading start another wait once the read is final, so that
 * a write that ended after the last read is not lost.</li>
 * </ol>
 * A difference found by polling skips the wait: the poll's read is the first read, and it
 * is confirmed one quiet period later, since no event reports a write in between.
 */
final class Debounce {

	static final int MAX_READS = 10;

	/**
	 * The longest time between the first read after file events and the read that
	 * confirms it.
	 */
	static final Duration CONFIRM_INTERVAL = Duration.ofMillis(50);

	private final long quietPeriod;

	private final long maxWait;

	private final long confirmInterval;

	private State state = State.IDLE;

	private long firstEvent;

	private long lastEvent;

	private long nextRead;

	private int reads;

	private boolean eventsWhileReading;

	private ChangeOrigin origin;

	private ContentSnapshot candidate;

	Debounce(Duration quietPeriod, Duration maxWait) {
		this.quietPeriod = quietPeriod.toNanos();
		this.maxWait = maxWait.toNanos();
		this.confirmInterval = Math.min(this.quietPeriod, CONFIRM_INTERVAL.toNanos());
	}

	void onEvent(long now) {
		switch (this.state) {
			case IDLE -> {
				this.state = State.WAITING;
				this.origin = ChangeOrigin.EVENT;
				this.firstEvent = now;
				this.lastEvent = now;
			}
			case WAITING -> this.lastEvent = now;
			case READING -> this.eventsWhileReading = true;
		}
	}

	void onPollDifference(long now, ContentSnapshot snapshot) {
		if (this.state == State.IDLE) {
			this.origin = ChangeOrigin.POLL;
			startReading(now, snapshot);
		}
	}

	boolean isIdle() {
		return this.state == State.IDLE;
	}

	boolean isDue(long now) {
		return this.state != State.IDLE && now - dueAt() >= 0;
	}

	/**
	 * Return how long until the next read, or {@link Long#MAX_VALUE} when none is
	 * pending.
	 * @param now the current time
	 * @return the time until the next read in nanoseconds, zero when it is due
	 */
	long nanosUntilDue(long now) {
		return (this.state != State.IDLE) ? Math.max(0, dueAt() - now) : Long.MAX_VALUE;
	}

	private long dueAt() {
		if (this.state == State.WAITING) {
			long quiet = this.lastEvent + this.quietPeriod;
			long limit = this.firstEvent + this.maxWait;
			return (quiet - limit < 0) ? quiet : limit;
		}
		return this.nextRead;
	}

	/**
	 * Take a read of the files that was due.
	 * @param now the current time
	 * @param snapshot what was read
	 * @return the final read, or {@code null} when the files must be read again
	 */
	Stable onRead(long now, ContentSnapshot snapshot) {
		if (this.state == State.WAITING) {
			startReading(now, snapshot);
			return null;
		}
		this.reads++;
		boolean settled = snapshot.equals(this.candidate);
		if (!settled && this.reads < MAX_READS) {
			this.candidate = snapshot;
			this.nextRead = now + this.quietPeriod;
			return null;
		}
		Stable stable = new Stable(snapshot, this.origin, settled, this.reads);
		this.state = State.IDLE;
		this.candidate = null;
		if (this.eventsWhileReading) {
			this.eventsWhileReading = false;
			onEvent(now);
		}
		return stable;
	}

	private void startReading(long now, ContentSnapshot snapshot) {
		this.state = State.READING;
		this.candidate = snapshot;
		this.reads = 1;
		this.nextRead = now + ((this.origin == ChangeOrigin.POLL) ? this.quietPeriod : this.confirmInterval);
	}

	/**
	 * A final read.
	 *
	 * @param snapshot the content read
	 * @param origin how the change was found
	 * @param settled whether the last two reads hashed the same
	 * @param reads the number of reads
	 */
	record Stable(ContentSnapshot snapshot, ChangeOrigin origin, boolean settled, int reads) {

	}

	private enum State {

		IDLE, WAITING, READING

	}

}
