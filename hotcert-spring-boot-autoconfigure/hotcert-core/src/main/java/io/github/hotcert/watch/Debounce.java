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
 * An atomic change (the files were swapped as a whole, complete by construction: see
 * {@link EventBatch}) needs no quiet: the files are read at once, and that read is final.
 * A difference found by polling skips the wait: the poll's read is the first read, and it
 * is confirmed one quiet period later, since no event reports a write in between.
 * <p>
 * A final read of a change that is not atomic and began less than the maximum wait ago is
 * {@link Stable#settling() settling}: the writer may still be busy. When the action finds
 * that the files do not hold complete material yet, the change
 * {@link #onIncomplete(long, ContentSnapshot) settles}: the files are read again every
 * quiet period, and once their content differs the change is read until stable again;
 * when the maximum wait is over, the next read is final and no longer settling, so that
 * material that stays incomplete is reported once the writes stopped.
 */
final class Debounce {

	static final int MAX_READS = 10;

	/**
	 * The longest time between the first read after file events and the read that
	 * confirms it, and the shortest time between two reads of a settling change.
	 */
	static final Duration CONFIRM_INTERVAL = Duration.ofMillis(50);

	private final long quietPeriod;

	private final long maxWait;

	private final long confirmInterval;

	private final long settleInterval;

	private State state = State.IDLE;

	private long firstEvent;

	private long lastEvent;

	private long nextRead;

	private int reads;

	private boolean atomic;

	private boolean eventsWhileReading;

	private ChangeOrigin origin;

	private ContentSnapshot candidate;

	private long lastChangeStart;

	Debounce(Duration quietPeriod, Duration maxWait) {
		this.quietPeriod = quietPeriod.toNanos();
		this.maxWait = maxWait.toNanos();
		this.confirmInterval = Math.min(this.quietPeriod, CONFIRM_INTERVAL.toNanos());
		this.settleInterval = Math.max(this.quietPeriod, CONFIRM_INTERVAL.toNanos());
	}

	void onEvent(long now) {
		switch (this.state) {
			case IDLE -> {
				this.state = State.WAITING;
				begin(now, ChangeOrigin.EVENT);
			}
			case WAITING, SETTLING -> this.lastEvent = now;
			case READING -> this.eventsWhileReading = true;
		}
	}

	/**
	 * Take events that swapped the files as a whole: they are read at once, and that read
	 * is final, whatever was pending.
	 * @param now the current time
	 */
	void onAtomicChange(long now) {
		if (this.state == State.IDLE) {
			begin(now, ChangeOrigin.EVENT);
		}
		this.lastEvent = now;
		this.state = State.READING;
		this.atomic = true;
		this.candidate = null;
		this.reads = 0;
		this.nextRead = now;
	}

	void onPollDifference(long now, ContentSnapshot snapshot) {
		if (this.state == State.IDLE) {
			begin(now, ChangeOrigin.POLL);
			startReading(now, snapshot);
		}
	}

	private void begin(long now, ChangeOrigin origin) {
		this.origin = origin;
		this.firstEvent = now;
		this.lastEvent = now;
		this.atomic = false;
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
		return switch (this.state) {
			case WAITING -> earliest(this.lastEvent + this.quietPeriod, windowEnd());
			case SETTLING -> earliest(this.lastEvent + this.settleInterval, windowEnd());
			default -> this.nextRead;
		};
	}

	private long windowEnd() {
		return this.firstEvent + this.maxWait;
	}

	private static long earliest(long first, long second) {
		return (first - second < 0) ? first : second;
	}

	/**
	 * Take a read of the files that was due.
	 * @param now the current time
	 * @param snapshot what was read
	 * @return the final read, or {@code null} when the files must be read again
	 */
	Stable onRead(long now, ContentSnapshot snapshot) {
		switch (this.state) {
			case WAITING -> {
				startReading(now, snapshot);
				return null;
			}
			case SETTLING -> {
				this.reads++;
				if (!snapshot.equals(this.candidate)) {
					startReading(now, snapshot);
					return null;
				}
				if (now - windowEnd() < 0) {
					this.lastEvent = now;
					return null;
				}
				return done(now, new Stable(snapshot, this.origin, true, this.reads, false, false));
			}
			default -> {
			}
		}
		this.reads++;
		if (this.atomic) {
			return done(now, new Stable(snapshot, this.origin, true, this.reads, true, false));
		}
		boolean settled = snapshot.equals(this.candidate);
		if (!settled && this.reads < MAX_READS) {
			this.candidate = snapshot;
			this.nextRead = now + this.quietPeriod;
			return null;
		}
		return done(now, new Stable(snapshot, this.origin, settled, this.reads, false, now - windowEnd() < 0));
	}

	/**
	 * Take the answer of an action to a {@link Stable#settling() settling} read: the
	 * files do not hold complete material yet. They are read again one quiet period later
	 * (or after the next event), until their content changes or the maximum wait after
	 * the first event is over.
	 * @param now the current time
	 * @param snapshot the content that was incomplete
	 */
	void onIncomplete(long now, ContentSnapshot snapshot) {
		if (this.state == State.IDLE) {
			this.state = State.SETTLING;
			this.candidate = snapshot;
			this.lastEvent = now;
		}
		// Events that arrived while reading started another wait: it belongs to the same
		// writes, so it ends within the same maximum wait
		this.firstEvent = this.lastChangeStart;
	}

	private Stable done(long now, Stable stable) {
		this.lastChangeStart = this.firstEvent;
		this.state = State.IDLE;
		this.candidate = null;
		this.atomic = false;
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
	 * @param settled whether the last two reads hashed the same (always for an atomic
	 * change)
	 * @param reads the number of reads
	 * @param atomic whether the files were swapped as a whole
	 * @param settling whether the writer may still be busy: the change is not atomic and
	 * began less than the maximum wait ago
	 */
	record Stable(ContentSnapshot snapshot, ChangeOrigin origin, boolean settled, int reads, boolean atomic,
			boolean settling) {

	}

	private enum State {

		IDLE, WAITING, READING, SETTLING

	}

}
