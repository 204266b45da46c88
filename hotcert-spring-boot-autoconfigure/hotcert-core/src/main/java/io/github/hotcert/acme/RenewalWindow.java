package io.github.hotcert.acme;

import java.time.Instant;

/**
 * The renewal window that an ACME CA suggests for a certificate (ACME Renewal
 * Information, RFC 9773).
 *
 * @param start the start of the suggested window
 * @param end the end of the suggested window
 * @param explanationUrl the page that explains the window, or {@code null}
 * @param retryAfter when the CA wants to be asked again, or {@code null}
 */
public record RenewalWindow(Instant start, Instant end, String explanationUrl, Instant retryAfter) {

	/**
	 * Return whether the window is usable: its end is after its start.
	 * @return whether the window is valid
	 */
	public boolean isValid() {
		return this.start != null && this.end != null && this.end.isAfter(this.start);
	}

	/**
	 * Return whether this window suggests the same renewal moments as another one.
	 * @param other the other window, or {@code null}
	 * @return whether the windows have the same start and end
	 */
	boolean sameWindow(RenewalWindow other) {
		return other != null && this.start.equals(other.start) && this.end.equals(other.end);
	}

}
