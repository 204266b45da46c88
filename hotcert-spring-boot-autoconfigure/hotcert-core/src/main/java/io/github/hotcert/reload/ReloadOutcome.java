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
	VALID;

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
