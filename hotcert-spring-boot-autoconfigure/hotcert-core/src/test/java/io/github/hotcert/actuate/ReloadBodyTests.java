package io.github.hotcert.actuate;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ReloadBody}.
 */
class ReloadBodyTests {

	@Test
	void readsBothOptions() {
		assertThat(read("{\"dryRun\":true,\"force\":false}")).isEqualTo(new ReloadBody(true, false));
		assertThat(read(" \r\n\t{ \"force\" : true } \n")).isEqualTo(new ReloadBody(null, true));
	}

	@Test
	void emptyBodyAndEmptyObjectHaveNoOptions() {
		assertThat(read("")).isEqualTo(new ReloadBody(null, null));
		assertThat(read("{}")).isEqualTo(new ReloadBody(null, null));
	}

	@Test
	void decodesEscapesInFieldNames() {
		assertThat(read("{\"dry\\u0052un\":true}")).isEqualTo(new ReloadBody(true, null));
	}

	@Test
	void refusesNamesThatDifferInCaseAndSuggestsTheOption() {
		assertRefused("{\"dryrun\":true}", 400,
				"Unknown field 'dryrun': the body may only have the fields 'dryRun' and 'force' (did you mean 'dryRun'?)");
		assertRefused("{\"FORCE\":true}", 400, "Unknown field 'FORCE': the body may only have the fields 'dryRun' "
				+ "and 'force' (did you mean 'force'?)");
	}

	@Test
	void shortensLongUnknownNamesInTheMessage() {
		assertRefused("{\"" + "x".repeat(100) + "\":true}", 400, "Unknown field '" + "x".repeat(40) + "...'");
	}

	@Test
	void refusesValuesThatAreNotBooleans() {
		assertRefused("{\"dryRun\":\"yes\"}", 400, "Field 'dryRun' must be true or false, not a string");
		assertRefused("{\"dryRun\":1}", 400, "Field 'dryRun' must be true or false, not a number");
		assertRefused("{\"force\":-1}", 400, "Field 'force' must be true or false, not a number");
		assertRefused("{\"force\":null}", 400, "Field 'force' must be true or false, not null");
		assertRefused("{\"force\":{}}", 400, "Field 'force' must be true or false, not an object");
		assertRefused("{\"force\":[]}", 400, "Field 'force' must be true or false, not an array");
		assertRefused("{\"force\":True}", 400, "The body is not valid JSON: expected a value at offset 9");
		assertRefused("{\"force\":truely}", 400, "The body is not valid JSON: expected a value at offset 9");
	}

	@Test
	void refusesAnOptionGivenTwice() {
		assertRefused("{\"dryRun\":true,\"dryRun\":false}", 400, "Field 'dryRun' is given more than once");
	}

	@Test
	void refusesWhatIsNotOneJsonObject() {
		assertRefused(" ", 400, "The body must be empty or a JSON object with the fields 'dryRun' and 'force'");
		assertRefused("[{\"dryRun\":true}]", 400, "The body must be empty or a JSON object");
		assertRefused("{\"dryRun\":true}{}", 400,
				"The body is not valid JSON: expected nothing after the JSON object at offset 15");
		assertRefused("{\"dryRun\":true,}", 400, "The body is not valid JSON: expected a field name at offset 15");
		assertRefused("{\"dryRun\" true}", 400, "expected ':' after field 'dryRun' at offset 10");
		assertRefused("{\"dryRun\":true", 400, "expected ',' or '}' at the end");
		assertRefused("{\"dry", 400, "expected the end of a string at the end");
		assertRefused("{\"dry\\x\":true}", 400, "expected a valid escape sequence at offset 6");
		assertRefused("{\"dry\nRun\":true}", 400, "expected no control character in a string at offset 5");
		assertRefused("\uFEFF{}", 400, "The body must be empty or a JSON object");
	}

	@Test
	void refusesBytesThatAreNotUtf8() {
		byte[] body = { '{', '"', (byte) 0xff, '"', ':', 't', 'r', 'u', 'e', '}' };
		assertThatExceptionOfType(InvalidReloadRequestException.class).isThrownBy(() -> ReloadBody.read(body))
			.withMessage("The body is not valid UTF-8");
	}

	@Test
	void refusesBodiesOverTheLimit() {
		String padded = "{" + " ".repeat(ReloadBody.MAX_BYTES - 2) + "}";
		assertThat(read(padded)).isEqualTo(new ReloadBody(null, null));
		assertRefused(padded + " ", 413, "The body is larger than 4096 bytes");
		assertThatExceptionOfType(InvalidReloadRequestException.class)
			.isThrownBy(() -> ReloadBody.checkLength(ReloadBody.MAX_BYTES + 1))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(413));
		ReloadBody.checkLength(ReloadBody.MAX_BYTES);
		ReloadBody.checkLength(-1);
	}

	@Test
	void refusesAQuery() {
		ReloadBody.checkQuery(null);
		ReloadBody.checkQuery("");
		assertThatExceptionOfType(InvalidReloadRequestException.class)
			.isThrownBy(() -> ReloadBody.checkQuery("dryRun=true"))
			.withMessage("Query parameters are not accepted: send the options as fields of the JSON body");
	}

	@Test
	void answerIsJsonWithTheStatusAndTheEscapedMessage() {
		InvalidReloadRequestException refused = refused("{\"a\\\"b\\n\":true}");
		assertThat(new String(refused.toJson(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":400,\"error\":"
				+ "\"Bad Request\",\"message\":\"Unknown field 'a\\\"b\\u000a': the body may only have the fields "
				+ "'dryRun' and 'force'\"}");
		assertThat(new String(ReloadBody.tooLarge().toJson(), StandardCharsets.UTF_8))
			.isEqualTo("{\"status\":413,\"error\":\"Payload Too Large\",\"message\":\"The body is larger than "
					+ "4096 bytes\"}");
	}

	private static ReloadBody read(String body) {
		return ReloadBody.read(body.getBytes(StandardCharsets.UTF_8));
	}

	private static InvalidReloadRequestException refused(String body) {
		try {
			read(body);
		}
		catch (InvalidReloadRequestException ex) {
			return ex;
		}
		throw new AssertionError("Not refused: " + body);
	}

	private static void assertRefused(String body, int status, String message) {
		InvalidReloadRequestException refused = refused(body);
		assertThat(refused.getStatus()).isEqualTo(status);
		assertThat(refused.getMessage()).contains(message);
	}

}
