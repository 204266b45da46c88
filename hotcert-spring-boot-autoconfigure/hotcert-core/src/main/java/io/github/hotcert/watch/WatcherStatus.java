package io.github.hotcert.watch;

import java.time.Instant;
import java.util.Locale;

/**
 * Whether a {@link CertificateFileWatcher} is noticing changes, and the last fault it
 * recovered from.
 *
 * @param state what the watcher does now
 * @param problem the last fault of the watcher (a stuck or dead thread, failed file
 * events), or {@code null} when there was none
 * @param since when that fault was noticed, or {@code null}
 * @param restarts how many times the watcher thread was replaced
 */
public record WatcherStatus(State state, String problem, Instant since, long restarts) {

	static final WatcherStatus STOPPED = new WatcherStatus(State.STOPPED, null, null, 0);

	/**
	 * Return whether changes are noticed less well than configured: only by polling, or
	 * not at all.
	 * @return whether detection is impaired
	 */
	public boolean isImpaired() {
		return this.state == State.POLLING_ONLY || this.state == State.FAILED;
	}

	WatcherStatus with(State state, String problem, Instant since) {
		return new WatcherStatus(state, problem, since, this.restarts);
	}

	WatcherStatus withState(State state) {
		return new WatcherStatus(state, this.problem, this.since, this.restarts);
	}

	WatcherStatus restarted(String problem, Instant since) {
		return new WatcherStatus(State.WATCHING, problem, since, this.restarts + 1);
	}

	/**
	 * What a watcher does.
	 */
	public enum State {

		/**
		 * Not watching: not started, stopped, nothing to watch, or {@link WatchMode#OFF}.
		 */
		STOPPED,

		/**
		 * Noticing changes as configured.
		 */
		WATCHING,

		/**
		 * File events are not available: changes are noticed by polling only.
		 */
		POLLING_ONLY,

		/**
		 * The watcher thread is stuck or ended and could not be replaced: changes are not
		 * noticed (reloads on request still work).
		 */
		FAILED;

		/**
		 * Return the lower case name used in reports, such as {@code polling-only}.
		 * @return the name
		 */
		public String id() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

}
