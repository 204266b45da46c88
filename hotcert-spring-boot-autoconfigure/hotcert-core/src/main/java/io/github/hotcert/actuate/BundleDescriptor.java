package io.github.hotcert.actuate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.github.hotcert.reload.ManagedBundle;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * Description of one bundle that hotcert keeps up to date: what it serves, what is on
 * disk, who uses it and what happened to it.
 *
 * @param served what the bundle serves
 * @param source where its material comes from and what is there now
 * @param consumers the servers and connectors that use it
 * @param lastReload the result of the last reload
 * @param lastSuccess when material was last published (or adopted at startup)
 * @param reloads how many times new material was published
 * @param rejections how many times new material was rejected
 * @param consecutiveFailures how many reloads in a row were rejected
 * @param pendingChange whether the last reload read material that it did not publish
 * @param history the most recent reloads, newest first
 */
public record BundleDescriptor(ServedDescriptor served, SourceDescriptor source, List<String> consumers,
		ReloadDescriptor lastReload, Instant lastSuccess, long reloads, long rejections, int consecutiveFailures,
		boolean pendingChange, List<ReloadDescriptor> history) implements OperationResponseBody {

	static BundleDescriptor of(ManagedBundle bundle, Clock clock) {
		return new BundleDescriptor(ServedDescriptor.of(bundle.getServed(), clock),
				SourceDescriptor.of(bundle.getSource(), SourceState.of(bundle)), bundle.getConsumers(),
				ReloadDescriptor.of(bundle.getLastResult()), bundle.getLastSuccess(), bundle.getReloadCount(),
				bundle.getRejectionCount(), bundle.getConsecutiveFailures(), bundle.hasPendingChange(),
				ReloadDescriptor.of(bundle.getHistory()));
	}

}
