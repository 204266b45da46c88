package io.github.hotcert.reload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the reloads of a bundle left, as one value: the last result, the counts and the
 * history always agree with each other, so that whoever reads them (the endpoint) never
 * sees a rejection counted but the previous result as the last one.
 *
 * @param lastResult the result of the last reload, or {@code null}
 * @param lastSuccess when material was last published successfully (or adopted at
 * startup), or {@code null}
 * @param reloadCount how many times new material was published
 * @param rejectionCount how many times new material was rejected
 * @param consecutiveFailures how many reloads in a row were rejected since the last
 * success
 * @param pendingChange whether the source holds material that is not served
 * @param history the most recent results, newest first
 */
public record ReloadRecord(ReloadResult lastResult, Instant lastSuccess, long reloadCount, long rejectionCount,
		int consecutiveFailures, boolean pendingChange, List<ReloadResult> history) {

	/**
	 * The record of a bundle that was not reloaded yet.
	 */
	public static final ReloadRecord NONE = new ReloadRecord(null, null, 0, 0, 0, false, List.of());

	public ReloadRecord {
		history = List.copyOf(history);
	}

	/**
	 * Return the record after one more reload.
	 * @param result the result of the reload
	 * @param pendingChange whether a change waits on disk after it
	 * @param historySize how many results to keep
	 * @return the new record
	 */
	ReloadRecord next(ReloadResult result, boolean pendingChange, int historySize) {
		Instant success = this.lastSuccess;
		long reloads = this.reloadCount;
		long rejections = this.rejectionCount;
		int failures = this.consecutiveFailures;
		switch (result.outcome()) {
			case RELOADED -> {
				reloads++;
				failures = 0;
				success = result.time();
			}
			case REJECTED -> {
				rejections++;
				failures++;
			}
			case UNCHANGED -> {
				failures = 0;
				if (result.trigger() == ReloadTrigger.STARTUP) {
					success = result.time();
				}
			}
			case VALID -> {
			}
		}
		List<ReloadResult> newest = new ArrayList<>(Math.min(this.history.size() + 1, historySize));
		if (historySize > 0) {
			newest.add(result);
			newest.addAll(this.history.subList(0, Math.min(this.history.size(), historySize - 1)));
		}
		return new ReloadRecord(result, success, reloads, rejections, failures, pendingChange, newest);
	}

}
