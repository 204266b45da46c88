package io.github.hotcert.reload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The components that use one managed bundle, for reports, and which of them cannot
 * follow reloads: those keep the material they started with, and serve older material
 * than the bundle once newer material is published.
 */
final class BundleConsumers {

	private final List<String> all = new CopyOnWriteArrayList<>();

	private final List<FixedConsumer> fixed = new CopyOnWriteArrayList<>();

	void add(String description) {
		this.all.add(description);
	}

	void addThatCannotFollow(String description) {
		this.all.add(description);
		this.fixed.add(new FixedConsumer(description));
	}

	List<String> all() {
		return List.copyOf(this.all);
	}

	List<String> thatCannotFollow() {
		return this.fixed.stream().map(FixedConsumer::description).toList();
	}

	/**
	 * Return the consumers that cannot follow reloads and serve older material than the
	 * bundle, and since when.
	 * @return the restart that is required, or {@code null}
	 */
	RestartRequired restartRequired() {
		Instant since = null;
		List<String> stale = new ArrayList<>();
		for (FixedConsumer consumer : this.fixed) {
			Instant staleSince = consumer.staleSince;
			if (staleSince != null) {
				stale.add(consumer.description());
				since = (since == null || staleSince.isBefore(since)) ? staleSince : since;
			}
		}
		return (since != null) ? new RestartRequired(since, stale) : null;
	}

	/**
	 * Take note that new material was published: every consumer that cannot follow now
	 * serves older material, if it did not already.
	 * @param time when the material was published
	 */
	void published(Instant time) {
		this.fixed.forEach((consumer) -> consumer.published(time));
	}

	/**
	 * A consumer that cannot follow reloads, and since when it serves older material than
	 * the bundle.
	 */
	private static final class FixedConsumer {

		private final String description;

		private volatile Instant staleSince;

		FixedConsumer(String description) {
			this.description = description;
		}

		String description() {
			return this.description;
		}

		void published(Instant time) {
			if (this.staleSince == null) {
				this.staleSince = time;
			}
		}

	}

}
