package io.github.hotcert.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Records the changes a watcher reports, with what the test wants to know at that moment.
 * As a {@link FileChangeListener}, it answers whether what it observed is complete.
 *
 * @param <T> what is recorded with each change
 */
final class RecordingAction<T> implements Consumer<ChangeOrigin>, FileChangeListener {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final Supplier<T> observation;

	private final Predicate<T> complete;

	private final BlockingQueue<Change<T>> changes = new LinkedBlockingQueue<>();

	private final List<Change<T>> all = new ArrayList<>();

	RecordingAction(Supplier<T> observation) {
		this(observation, (observed) -> true);
	}

	RecordingAction(Supplier<T> observation, Predicate<T> complete) {
		this.observation = observation;
		this.complete = complete;
	}

	static RecordingAction<Void> origins() {
		return new RecordingAction<>(() -> null);
	}

	@Override
	public void accept(ChangeOrigin origin) {
		record(new FileChange(origin, false, false));
	}

	@Override
	public boolean onChange(FileChange fileChange) {
		return this.complete.test(record(fileChange).observed());
	}

	private Change<T> record(FileChange fileChange) {
		Change<T> change = new Change<>(fileChange.origin(), this.observation.get(), System.nanoTime(),
				fileChange.atomic(), fileChange.settling());
		synchronized (this.all) {
			this.all.add(change);
		}
		this.changes.add(change);
		return change;
	}

	Change<T> awaitChange() throws InterruptedException {
		Change<T> change = this.changes.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		if (change == null) {
			throw new AssertionError("No change was reported within " + TIMEOUT);
		}
		return change;
	}

	List<Change<T>> all() {
		synchronized (this.all) {
			return List.copyOf(this.all);
		}
	}

	record Change<T>(ChangeOrigin origin, T observed, long nanoTime, boolean atomic, boolean settling) {

	}

}
