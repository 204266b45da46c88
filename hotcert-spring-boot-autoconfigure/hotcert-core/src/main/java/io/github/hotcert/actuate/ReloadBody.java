package io.github.hotcert.actuate;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The options of a reload, read strictly from the body of a {@code POST} to the
 * {@code certificates} endpoint, before actuator binds it. Actuator's own binding is
 * lenient: it ignores fields it does not know (so {@code {"dryrun":true}} reloads for
 * real) and converts text to booleans ({@code "yes"} and {@code 1} are {@code true}).
 * Here the body is at most {@value #MAX_BYTES} bytes of UTF-8 and either empty or one
 * JSON object whose only fields are {@code dryRun} and {@code force}, each {@code true}
 * or {@code false} and each at most once. Options in the query string are refused: they
 * would silently override the body.
 *
 * @param dryRun the {@code dryRun} field, or {@code null} when absent
 * @param force the {@code force} field, or {@code null} when absent
 */
record ReloadBody(Boolean dryRun, Boolean force) {

	/**
	 * The largest body that is read.
	 */
	static final int MAX_BYTES = 4096;

	/**
	 * The names of the options.
	 */
	static final List<String> FIELDS = List.of("dryRun", "force");

	private static final int STATUS_BAD_REQUEST = 400;

	private static final int STATUS_PAYLOAD_TOO_LARGE = 413;

	/**
	 * Refuse a request whose declared length is over the limit, before its body is read.
	 * @param contentLength the declared length, negative when unknown
	 * @throws InvalidReloadRequestException if the body is too large
	 */
	static void checkLength(long contentLength) {
		if (contentLength > MAX_BYTES) {
			throw tooLarge();
		}
	}

	/**
	 * Refuse a request with a query string.
	 * @param query the raw query string, or {@code null}
	 * @throws InvalidReloadRequestException if there is a query
	 */
	static void checkQuery(String query) {
		if (query != null && !query.isEmpty()) {
			throw new InvalidReloadRequestException(STATUS_BAD_REQUEST,
					"Query parameters are not accepted: send the options as fields of the JSON body");
		}
	}

	/**
	 * Return the exception that refuses a body over {@value #MAX_BYTES} bytes.
	 * @return the exception
	 */
	static InvalidReloadRequestException tooLarge() {
		return new InvalidReloadRequestException(STATUS_PAYLOAD_TOO_LARGE,
				"The body is larger than %d bytes".formatted(MAX_BYTES));
	}

	/**
	 * Read a body.
	 * @param body the bytes of the body, at most {@value #MAX_BYTES} + 1 of them
	 * @return the options
	 * @throws InvalidReloadRequestException if the body is refused
	 */
	static ReloadBody read(byte[] body) {
		if (body.length > MAX_BYTES) {
			throw tooLarge();
		}
		if (body.length == 0) {
			return new ReloadBody(null, null);
		}
		return new ReloadBodyReader(decode(body)).read();
	}

	private static String decode(byte[] body) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw invalid("The body is not valid UTF-8");
		}
	}

	static InvalidReloadRequestException invalid(String message) {
		return new InvalidReloadRequestException(STATUS_BAD_REQUEST, message);
	}

}
