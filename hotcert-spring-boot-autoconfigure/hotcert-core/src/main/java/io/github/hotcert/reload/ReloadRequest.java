package io.github.hotcert.reload;

import org.springframework.util.Assert;

/**
 * A request to reload a bundle.
 *
 * @param trigger what started the reload
 * @param dryRun whether to validate only, publishing nothing
 * @param force whether to publish even when the content is unchanged
 * @param principal the name of the user who asked, or {@code null}
 */
public record ReloadRequest(ReloadTrigger trigger, boolean dryRun, boolean force, String principal) {

	public ReloadRequest {
		Assert.notNull(trigger, "'trigger' must not be null");
	}

	/**
	 * Return a plain request for the given trigger.
	 * @param trigger the trigger
	 * @return the request
	 */
	public static ReloadRequest of(ReloadTrigger trigger) {
		return new ReloadRequest(trigger, false, false, null);
	}

}
