package io.github.hotcert.watch;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import io.github.hotcert.logging.LogFields;
import io.github.hotcert.watch.Debounce.Stable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Takes the final read of a registration's files: counts an unchanged check when the
 * content is the content last acted on, otherwise calls the registration's listener and
 * takes the content as known, unless the listener found that files still being written do
 * not hold complete material yet, in which case they are read again. When the listener
 * ends the thread with an error, the content known is forgotten, once, so that the thread
 * that replaces it acts again on what the files hold.
 */
final class ChangeDispatcher {

	private static final Log logger = LogFactory.getLog(CertificateFileWatcher.class);

	private final WatchCounters counters;

	private final BooleanSupplier running;

	/**
	 * Create a new {@link ChangeDispatcher}.
	 * @param counters the counters of the watcher
	 * @param running whether the watcher thread is still running: a thread that was
	 * replaced does not act any more
	 */
	ChangeDispatcher(WatchCounters counters, BooleanSupplier running) {
		this.counters = counters;
		this.running = running;
	}

	void dispatch(WatchedFiles registration, Stable stable) {
		if (registration.isKnown(stable.snapshot())) {
			this.counters.unchangedChecks.incrementAndGet();
			return;
		}
		if (!this.running.getAsBoolean()) {
			return;
		}
		if (logger.isDebugEnabled()) {
			List<Path> changed = registration.differences(stable.snapshot());
			LogFields.bundle(registration.name())
				.and(LogFields.FILE, (changed.size() == 1) ? changed.get(0) : null)
				.debug(logger, () -> "Files of %s changed (found by %s after %d reads%s): %s".formatted(registration,
						stable.origin().name().toLowerCase(Locale.ROOT), stable.reads(), describe(stable), changed));
		}
		// Known before acting: a thread that replaces one stuck in the action does not
		// act on the same content again
		ContentSnapshot previous = registration.accept(stable.snapshot());
		boolean taken = true;
		try {
			taken = registration.action().onChange(new FileChange(stable.origin(), stable.atomic(), stable.settling()));
		}
		catch (RuntimeException ex) {
			LogFields.bundle(registration.name())
				.error(logger, "Acting on a change to the files of %s failed".formatted(registration), ex);
		}
		catch (Error ex) {
			registration.actionEndedThread(stable.snapshot());
			throw ex;
		}
		registration.actionReturned();
		if (!taken && stable.settling()) {
			registration.accept(previous);
			this.counters.incomplete.incrementAndGet();
			logger.debug("Files of %s do not hold complete material yet: reading them again".formatted(registration));
			registration.debounce().onIncomplete(System.nanoTime(), stable.snapshot());
			return;
		}
		this.counters.changes.incrementAndGet();
		if (stable.atomic()) {
			this.counters.atomicChanges.incrementAndGet();
		}
	}

	private static String describe(Stable stable) {
		if (stable.atomic()) {
			return ", swapped as a whole";
		}
		return (stable.settled() ? "" : ", still changing") + (stable.settling() ? ", may still be written" : "");
	}

}
