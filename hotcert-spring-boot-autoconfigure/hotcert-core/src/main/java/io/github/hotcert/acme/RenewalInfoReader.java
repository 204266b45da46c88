package io.github.hotcert.acme;

import java.net.URL;
import java.time.Instant;

import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * Reads the renewal information of a certificate, as an ACME CA serves it (RFC 9773):
 * <pre>
 * {"suggestedWindow": {"start": "...", "end": "..."}, "explanationURL": "..."}
 * </pre> A response without a readable window gives a window that is not
 * {@link RenewalWindow#isValid() valid}, which the planner does not follow.
 */
final class RenewalInfoReader {

	private RenewalInfoReader() {
	}

	/**
	 * Read a response.
	 * @param json the response body
	 * @param retryAfter the time of the response's {@code Retry-After}, or {@code null}
	 * @return the window
	 */
	static RenewalWindow read(JSON json, Instant retryAfter) {
		try {
			JSON window = json.get("suggestedWindow").optional().map(JSON.Value::asObject).orElse(null);
			Instant start = (window != null) ? window.get("start").optional().map(JSON.Value::asInstant).orElse(null)
					: null;
			Instant end = (window != null) ? window.get("end").optional().map(JSON.Value::asInstant).orElse(null)
					: null;
			String explanation = json.get("explanationURL")
				.optional()
				.map(JSON.Value::asURL)
				.map(URL::toString)
				.orElse(null);
			return new RenewalWindow(start, end, explanation, retryAfter);
		}
		catch (AcmeProtocolException ex) {
			return new RenewalWindow(null, null, null, retryAfter);
		}
	}

}
