package io.github.hotcert.source;

import java.time.Duration;

/**
 * Durations written as hotcert's messages write them: in the largest whole unit of which
 * there are at least two, such as {@code 14 days}, {@code 36 hours} or
 * {@code 90 seconds}.
 */
public final class Durations {

	private Durations() {
	}

	/**
	 * Describe the length of a duration; its sign is for the caller to word ("ago", "from
	 * now").
	 * @param duration the duration
	 * @return the description
	 */
	public static String describe(Duration duration) {
		Duration length = duration.abs();
		if (length.toDays() >= 2) {
			return length.toDays() + " days";
		}
		if (length.toHours() >= 2) {
			return length.toHours() + " hours";
		}
		if (length.toMinutes() >= 2) {
			return length.toMinutes() + " minutes";
		}
		return length.toSeconds() + " seconds";
	}

}
