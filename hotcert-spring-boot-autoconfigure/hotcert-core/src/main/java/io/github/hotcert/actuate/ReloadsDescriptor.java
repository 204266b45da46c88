package io.github.hotcert.actuate;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * Description of the results of a reload requested through the endpoint.
 *
 * @param dryRun whether the material was only validated
 * @param force whether unchanged material was published again
 * @param bundles the result of each bundle, by name
 */
public record ReloadsDescriptor(boolean dryRun, boolean force,
		Map<String, ReloadDescriptor> bundles) implements OperationResponseBody {

	/**
	 * Return whether the material of any bundle was rejected.
	 * @return whether any outcome is {@code rejected}
	 */
	public boolean hasRejection() {
		return this.bundles.values().stream().anyMatch((result) -> "rejected".equals(result.outcome()));
	}

}
