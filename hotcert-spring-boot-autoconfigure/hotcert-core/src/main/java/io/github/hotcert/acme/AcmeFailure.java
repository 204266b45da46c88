package io.github.hotcert.acme;

import java.time.Instant;

/**
 * A failed step of an order, with a message that names the bundle and the CA and never
 * holds key material.
 */
class AcmeFailure extends Exception {

	private final String reason;

	private final transient Instant retryAfter;

	/**
	 * Create a new {@link AcmeFailure}.
	 * @param reason a short reason, such as the CA's problem type
	 * @param message what went wrong
	 * @param retryAfter when the CA allows the next attempt, or {@code null}
	 * @param cause the cause, or {@code null}
	 */
	AcmeFailure(String reason, String message, Instant retryAfter, Throwable cause) {
		super(message, cause);
		this.reason = reason;
		this.retryAfter = retryAfter;
	}

	AcmeFailure(String reason, String message) {
		this(reason, message, null, null);
	}

	String getReason() {
		return this.reason;
	}

	Instant getRetryAfter() {
		return this.retryAfter;
	}

}
