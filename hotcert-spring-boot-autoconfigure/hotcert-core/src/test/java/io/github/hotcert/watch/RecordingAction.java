package io.github.hotcert.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Records the changes a watcher reports, with what the test wants to know at that moment.
 *
 * @param <T> what is recorded with each change
 */
final class RecordingAction<T> implements Consumer<ChangeOrigin> {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final Supplier<T> observation;

	private final BlockingQueue<Change<T>> changes = new LinkedBlockingQueue<>();

	private final List<Change<T>> all = new ArrayList<>();

	RecordingAction(Supplier<T> observation) {
		this.observation = observation;
	}

	static RecordingAction<Void> origins() {
		return new RecordingAction<>(() -> null);
	}

	@Override
	public void accept(ChangeOrigin origin) {
		Change<T> change = new Change<>(origin, this.observation.get(), System.nanoTime());
		synchronized (this.all) {
			this.all.add(change);
		}
		this.changes.add(change);
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

	record Change<T>(ChangeOrigin origin, T observed, long nanoTime) {

	}

}
