package io.github.hotcert.watch;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the watcher threads count, kept by the {@link CertificateFileWatcher} across
 * restarts of its thread.
 */
final class WatchCounters {

	final AtomicLong changes = new AtomicLong();

	final AtomicLong atomicChanges = new AtomicLong();

	final AtomicLong incomplete = new AtomicLong();

	final AtomicLong unchangedChecks = new AtomicLong();

	final AtomicLong polls = new AtomicLong();

	final AtomicLong overflows = new AtomicLong();

	WatchStatistics toStatistics() {
		return new WatchStatistics(this.changes.get(), this.unchangedChecks.get(), this.polls.get(),
				this.overflows.get(), this.atomicChanges.get(), this.incomplete.get());
	}

}
