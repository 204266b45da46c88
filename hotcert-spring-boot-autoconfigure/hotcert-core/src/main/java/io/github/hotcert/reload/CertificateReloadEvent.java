package io.github.hotcert.reload;

import org.springframework.context.ApplicationEvent;

/**
 * Published after every reload of a bundle, whatever its outcome.
 */
public class CertificateReloadEvent extends ApplicationEvent {

	private final ReloadResult result;

	/**
	 * Create a new {@link CertificateReloadEvent}.
	 * @param source the reloader
	 * @param result the result of the reload
	 */
	public CertificateReloadEvent(Object source, ReloadResult result) {
		super(source);
		this.result = result;
	}

	/**
	 * Return the result of the reload.
	 * @return the result
	 */
	public ReloadResult getResult() {
		return this.result;
	}

}
