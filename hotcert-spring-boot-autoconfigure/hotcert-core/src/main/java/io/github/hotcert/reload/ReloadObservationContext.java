package io.github.hotcert.reload;

import io.micrometer.observation.Observation;

import org.springframework.util.Assert;

/**
 * The {@link Observation.Context} of one reload of one bundle: what is known when it
 * starts (the bundle and the request), and its {@link ReloadResult} once it ended.
 */
public class ReloadObservationContext extends Observation.Context {

	private final String bundle;

	private final ReloadRequest request;

	private volatile ReloadResult result;

	/**
	 * Create a new {@link ReloadObservationContext}.
	 * @param bundle the bundle name
	 * @param request the request that started the reload
	 */
	public ReloadObservationContext(String bundle, ReloadRequest request) {
		Assert.hasText(bundle, "'bundle' must not be empty");
		Assert.notNull(request, "'request' must not be null");
		this.bundle = bundle;
		this.request = request;
	}

	/**
	 * Return the name of the bundle being reloaded.
	 * @return the bundle name
	 */
	public String getBundle() {
		return this.bundle;
	}

	/**
	 * Return the request that started the reload.
	 * @return the request
	 */
	public ReloadRequest getRequest() {
		return this.request;
	}

	/**
	 * Return the result of the reload.
	 * @return the result, or {@code null} while the reload runs or when it failed
	 * unexpectedly
	 */
	public ReloadResult getResult() {
		return this.result;
	}

	void setResult(ReloadResult result) {
		this.result = result;
	}

}
