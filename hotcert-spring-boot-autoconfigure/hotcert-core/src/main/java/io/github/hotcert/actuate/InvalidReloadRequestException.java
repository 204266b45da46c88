package io.github.hotcert.actuate;

import java.nio.charset.StandardCharsets;

/**
 * Thrown when a {@code POST} to the {@code certificates} endpoint is refused before
 * anything is reloaded: its HTTP status and a message that names what is wrong.
 */
final class InvalidReloadRequestException extends RuntimeException {

	private final int status;

	InvalidReloadRequestException(int status, String message) {
		super(message);
		this.status = status;
	}

	/**
	 * Return the HTTP status of the answer.
	 * @return the status, {@code 400} or {@code 413}
	 */
	int getStatus() {
		return this.status;
	}

	/**
	 * Return the body of the answer, shaped like Spring Boot's error responses.
	 * @return the JSON body
	 */
	byte[] toJson() {
		String error = (this.status == 413) ? "Payload Too Large" : "Bad Request";
		return "{\"status\":%d,\"error\":\"%s\",\"message\":\"%s\"}".formatted(this.status, error, escape(getMessage()))
			.getBytes(StandardCharsets.UTF_8);
	}

	private static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (char next : text.toCharArray()) {
			if (next == '"' || next == '\\') {
				escaped.append('\\').append(next);
			}
			else if (next < 0x20 || next == 0x7f) {
				escaped.append("\\u%04x".formatted((int) next));
			}
			else {
				escaped.append(next);
			}
		}
		return escaped.toString();
	}

}
