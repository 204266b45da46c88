package io.github.hotcert.actuate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.github.hotcert.reload.ManagedBundle;
import io.github.hotcert.reload.ReloadRecord;
import io.github.hotcert.reload.RestartRequired;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * Description of one bundle that hotcert keeps up to date: what it serves, what is on
 * disk, who uses it and what happened to it.
 *
 * @param served what the bundle serves
 * @param source where its material comes from and what is there now
 * @param consumers the servers and connectors that use it
 * @param consumersThatCannotFollow the consumers that keep the material they started with
 * until the application restarts
 * @param role the role its material is validated in ({@code server}, {@code client} or
 * {@code trust})
 * @param sslContexts how many SSL contexts built from it (by clients, or by a server at
 * startup) have made a handshake and are still in use: each follows its reloads
 * @param lastReload the result of the last reload
 * @param lastSuccess when material was last published (or adopted at startup)
 * @param reloads how many times new material was published
 * @param rejections how many times new material was rejected
 * @param consecutiveFailures how many reloads in a row were rejected
 * @param pendingChange whether the last reload read material that it did not publish
 * @param restartRequired which consumers serve older material than the bundle until the
 * application restarts, absent when every consumer serves what the bundle serves
 * @param history the most recent reloads, newest first
 * @param validating whether the material served at startup is still being validated:
 * until then {@code lastReload} and {@code pendingChange} are not known yet
 * ({@code null}), and {@code served} is what the server was started with, once it was
 * read
 * @param acme how the certificate is obtained from an ACME CA, or {@code null} when it is
 * not
 */
public record BundleDescriptor(ServedDescriptor served, SourceDescriptor source, List<String> consumers,
		List<String> consumersThatCannotFollow, String role, int sslContexts, ReloadDescriptor lastReload,
		Instant lastSuccess, long reloads, long rejections, int consecutiveFailures, Boolean pendingChange,
		RestartDescriptor restartRequired, List<ReloadDescriptor> history, boolean validating,
		AcmeDescriptor acme) implements OperationResponseBody {

	static BundleDescriptor of(ManagedBundle bundle, Clock clock) {
		return of(bundle, clock, null);
	}

	static BundleDescriptor of(ManagedBundle bundle, Clock clock, AcmeDescriptor acme) {
		boolean validating = bundle.isValidating();
		// Read once: the last reload, the counts and the history agree with each other
		ReloadRecord reloads = bundle.getReloads();
		return new BundleDescriptor(ServedDescriptor.of(bundle.getServed(), clock),
				SourceDescriptor.of(bundle.getSource(), SourceState.of(bundle)), bundle.getConsumers(),
				bundle.getConsumersThatCannotFollow(), (bundle.getRole() != null) ? bundle.getRole().id() : null,
				bundle.getPublisher().getSslContexts(), ReloadDescriptor.of(reloads.lastResult()),
				reloads.lastSuccess(), reloads.reloadCount(), reloads.rejectionCount(), reloads.consecutiveFailures(),
				validating ? null : reloads.pendingChange(),
				RestartDescriptor.of(bundle.getName(), bundle.getRestartRequired()),
				ReloadDescriptor.of(reloads.history()), validating, acme);
	}

	/**
	 * Description of a restart that a bundle requires.
	 *
	 * @param since when material was first published that some consumers do not serve
	 * @param consumers the consumers that serve older material
	 * @param message what to do
	 */
	public record RestartDescriptor(Instant since, List<String> consumers, String message) {

		static RestartDescriptor of(String bundle, RestartRequired restartRequired) {
			return (restartRequired != null) ? new RestartDescriptor(restartRequired.since(),
					restartRequired.consumers(), restartRequired.describe(bundle)) : null;
		}

	}

}
