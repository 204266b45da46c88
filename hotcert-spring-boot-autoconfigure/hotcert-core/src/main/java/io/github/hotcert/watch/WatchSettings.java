package io.github.hotcert.watch;

import java.time.Duration;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

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
 * @param stallTimeout how long the watcher thread may spend on one step (reading the
 * files of a bundle, reloading it) before it is taken as stuck and replaced
 * @param maxFileSize the largest file that is read to compare its content
 */
public record WatchSettings(WatchMode mode, Duration quietPeriod, Duration maxWait, Duration pollInterval,
		Duration stallTimeout, DataSize maxFileSize) {

	/**
	 * The default time the watcher thread may spend on one step.
	 */
	public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * The default largest file that is read.
	 */
	public static final DataSize DEFAULT_MAX_FILE_SIZE = DataSize.ofMegabytes(1);

	public WatchSettings {
		Assert.notNull(mode, "'mode' must not be null");
		Assert.isTrue(quietPeriod != null && !quietPeriod.isNegative(), "'quietPeriod' must not be negative");
		Assert.isTrue(maxWait != null && !maxWait.isNegative(), "'maxWait' must not be negative");
		Assert.isTrue(pollInterval != null && !pollInterval.isNegative() && !pollInterval.isZero(),
				"'pollInterval' must be positive");
		Assert.isTrue(stallTimeout != null && !stallTimeout.isNegative() && !stallTimeout.isZero(),
				"'stallTimeout' must be positive");
		Assert.isTrue(maxFileSize != null && maxFileSize.toBytes() > 0, "'maxFileSize' must be positive");
	}

	/**
	 * Create settings with the default stall timeout and file size limit.
	 * @param mode whether file events, polling or nothing is used
	 * @param quietPeriod how long no further event must arrive before files are read
	 * @param maxWait the longest time a change waits for quiet
	 * @param pollInterval the time between two comparisons of file content
	 */
	public WatchSettings(WatchMode mode, Duration quietPeriod, Duration maxWait, Duration pollInterval) {
		this(mode, quietPeriod, maxWait, pollInterval, DEFAULT_STALL_TIMEOUT, DEFAULT_MAX_FILE_SIZE);
	}

	/**
	 * Return these settings with another mode.
	 * @param mode the mode
	 * @return the new settings
	 */
	public WatchSettings withMode(WatchMode mode) {
		return new WatchSettings(mode, this.quietPeriod, this.maxWait, this.pollInterval, this.stallTimeout,
				this.maxFileSize);
	}

	/**
	 * Return these settings with another stall timeout.
	 * @param stallTimeout how long the watcher thread may spend on one step
	 * @return the new settings
	 */
	public WatchSettings withStallTimeout(Duration stallTimeout) {
		return new WatchSettings(this.mode, this.quietPeriod, this.maxWait, this.pollInterval, stallTimeout,
				this.maxFileSize);
	}

}
