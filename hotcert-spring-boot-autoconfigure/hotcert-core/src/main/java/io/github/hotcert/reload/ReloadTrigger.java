package io.github.hotcert.reload;

import java.util.Locale;

/**
 * What started a reload.
 */
public enum ReloadTrigger {

	/**
	 * The application started.
	 */
	STARTUP,

	/**
	 * A file system event.
	 */
	WATCH,

	/**
	 * A periodic comparison of file content.
	 */
	POLL,

	/**
	 * A request, for example to the actuator endpoint.
	 */
	MANUAL,

	/**
	 * An operating system signal.
	 */
	SIGNAL,

	/**
	 * A retry after rejected material.
	 */
	RETRY,

	/**
	 * Application code published a bundle through
	 * {@link org.springframework.boot.ssl.SslBundleRegistry#updateBundle}.
	 */
	REGISTRY,

	/**
	 * The configuration of the bundle changed while the application runs, for example
	 * after Spring Cloud refreshed the environment.
	 */
	CONFIGURATION,

	/**
	 * A certificate was obtained from an ACME CA.
	 */
	ACME;

	/**
	 * Return the lower case name used in reports and metric tags.
	 * @return the name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return id();
	}

}
