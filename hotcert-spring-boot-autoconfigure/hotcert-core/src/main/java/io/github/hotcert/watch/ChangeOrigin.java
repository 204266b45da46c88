package io.github.hotcert.watch;

/**
 * How a change to watched files was found.
 */
public enum ChangeOrigin {

	/**
	 * A file system event (or an overflow of events) in a watched directory.
	 */
	EVENT,

	/**
	 * A periodic comparison of file content, without any file system event.
	 */
	POLL

}
