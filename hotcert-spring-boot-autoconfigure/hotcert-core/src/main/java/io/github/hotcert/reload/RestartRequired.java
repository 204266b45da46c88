package io.github.hotcert.reload;

import java.time.Instant;
import java.util.List;

import org.springframework.util.Assert;

/**
 * A bundle whose consumers do not all serve the material it published: some cannot follow
 * reloads and keep the material they started with until the application is restarted.
 *
 * @param since when material was first published that they do not serve
 * @param consumers descriptions of the consumers that serve older material
 */
public record RestartRequired(Instant since, List<String> consumers) {

	public RestartRequired {
		Assert.notNull(since, "'since' must not be null");
		consumers = List.copyOf(consumers);
	}

	/**
	 * Describe what is required and why, for reports.
	 * @param bundle the bundle name
	 * @return the description
	 */
	public String describe(String bundle) {
		return ("SSL bundle '%s' published new material that %s cannot take while the application runs: restart the "
				+ "application to serve it there")
			.formatted(bundle, String.join(", ", this.consumers));
	}

}
