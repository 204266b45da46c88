package io.github.hotcert.watch;

import java.util.Locale;

/**
 * How changes to certificate files are noticed.
 */
public enum WatchMode {

	/**
	 * File system events, with a periodic comparison of file content as a fallback for
	 * changes that produce no event (set as {@code watch+poll}).
	 */
	WATCH_POLL,

	/**
	 * Only a periodic comparison of file content: for file systems that deliver no
	 * events, such as NFS.
	 */
	POLL,

	/**
	 * Nothing is watched: material is only reloaded on request (actuator, signal).
	 */
	OFF;

	/**
	 * Return the name this mode is set with, such as {@code watch+poll}.
	 * @return the name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT).replace('_', '+');
	}

	/**
	 * Return whether file system events are watched.
	 * @return whether events are watched
	 */
	public boolean watchesEvents() {
		return this == WATCH_POLL;
	}

	/**
	 * Return whether file content is compared periodically.
	 * @return whether files are polled
	 */
	public boolean polls() {
		return this != OFF;
	}

}
