package io.github.hotcert.watch;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How a {@link CertificateFileWatcher} notices changes. The defaults are those of the
 * {@code hotcert.watch.*} properties.
 *
 * @param mode whether file events, polling or nothing is used
 * @param quietPeriod how long no further event must arrive before files are read; also
 * the time between two reads that must hash the same before a change is acted on
 * @param maxWait the longest time a change waits for quiet: continuous writes cannot
 * postpone it further
 * @param pollInterval the time between two comparisons of file content
 */
public record WatchSettings(WatchMode mode, Duration quietPeriod, Duration maxWait, Duration pollInterval) {

	public WatchSettings {
		Assert.notNull(mode, "'mode' must not be null");
		Assert.isTrue(quietPeriod != null && !quietPeriod.isNegative(), "'quietPeriod' must not be negative");
		Assert.isTrue(maxWait != null && !maxWait.isNegative(), "'maxWait' must not be negative");
		Assert.isTrue(pollInterval != null && !pollInterval.isNegative() && !pollInterval.isZero(),
				"'pollInterval' must be positive");
	}

	/**
	 * Return these settings with another mode.
	 * @param mode the mode
	 * @return the new settings
	 */
	public WatchSettings withMode(WatchMode mode) {
		return new WatchSettings(mode, this.quietPeriod, this.maxWait, this.pollInterval);
	}

}
