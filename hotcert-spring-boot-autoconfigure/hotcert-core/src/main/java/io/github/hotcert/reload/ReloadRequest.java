package io.github.hotcert.reload;

import org.springframework.util.Assert;

/**
 * A request to reload a bundle.
 *
 * @param trigger what started the reload
 * @param dryRun whether to validate only, publishing nothing
 * @param force whether to publish even when the content is unchanged
 * @param principal the name of the user who asked, or {@code null}
 * @param settling whether the files may still be being written (a change that the file
 * watcher found, not atomic, that began less than the maximum wait ago): material that is
 * not complete yet is then {@link ReloadOutcome#SETTLING settling}, not rejected
 */
public record ReloadRequest(ReloadTrigger trigger, boolean dryRun, boolean force, String principal, boolean settling) {

	public ReloadRequest {
		Assert.notNull(trigger, "'trigger' must not be null");
		Assert.isTrue(!settling || !dryRun, "A dry run is never settling");
	}

	/**
	 * Create a request whose files are not being written.
	 * @param trigger what started the reload
	 * @param dryRun whether to validate only, publishing nothing
	 * @param force whether to publish even when the content is unchanged
	 * @param principal the name of the user who asked, or {@code null}
	 */
	public ReloadRequest(ReloadTrigger trigger, boolean dryRun, boolean force, String principal) {
		this(trigger, dryRun, force, principal, false);
	}

	/**
	 * Return a plain request for the given trigger.
	 * @param trigger the trigger
	 * @return the request
	 */
	public static ReloadRequest of(ReloadTrigger trigger) {
		return new ReloadRequest(trigger, false, false, null);
	}

	/**
	 * Return a request for a change of the files that may still be being written.
	 * @param trigger the trigger
	 * @param settling whether the files may still be being written
	 * @return the request
	 */
	public static ReloadRequest whileWriting(ReloadTrigger trigger, boolean settling) {
		return new ReloadRequest(trigger, false, false, null, settling);
	}

}
