package io.github.hotcert.reload;

import java.util.Locale;

/**
 * How a reload ended.
 */
public enum ReloadOutcome {

	/**
	 * New material was validated and published.
	 */
	RELOADED,

	/**
	 * The material on disk is the material being served: nothing was done.
	 */
	UNCHANGED,

	/**
	 * The new material was rejected: the previous material keeps being served.
	 */
	REJECTED,

	/**
	 * A dry run found the material valid; nothing was published.
	 */
	VALID,

	/**
	 * The files may still be being written and the material read is not complete yet: it
	 * cannot be read, or its key does not match its certificate. Nothing was published,
	 * and nothing is recorded, reported or counted: the file watcher reads the files
	 * again, and reports a rejection only once the writes stopped. Only a request that is
	 * {@link ReloadRequest#settling() settling} ends this way.
	 */
	SETTLING;

	/**
	 * Return the lower case name used in reports and metric tags.
	 * @return the name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return id();
	}

}
