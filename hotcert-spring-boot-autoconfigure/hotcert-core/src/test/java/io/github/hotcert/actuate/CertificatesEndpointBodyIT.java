package io.github.hotcert.actuate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.hotcert.actuate.ActuatorClient.Response;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body of a {@code POST} to the {@code certificates} endpoint is read strictly, over
 * real HTTP: wrong names, wrong types, unknown fields, options in the query and bodies
 * over the limit are refused with a message, and nothing is reloaded. In every test the
 * files on disk have changed, so that a request that got through would reload them.
 */
class CertificatesEndpointBodyIT {

	private static final int TEN_MEGABYTES = 10 * 1024 * 1024;

	private final TlsClient tls = TlsClient.create();

	@RegisterExtension
	final CertificatesApplication app = new CertificatesApplication();

	@Test
	void fieldNamesAreMatchedExactly() throws Exception {
		startAndRotate(CertificatesApplication.OPEN_ACCESS);
		assertRefused(post("/actuator/certificates", "{\"dryrun\":true}"), 400,
				"Unknown field 'dryrun': the body may only have the fields 'dryRun' and 'force' (did you mean 'dryRun'?)");
		assertRefused(post("/actuator/certificates/web", "{\"DRYRUN\":true}"), 400, "Unknown field 'DRYRUN'");
		assertRefused(post("/actuator/certificates/web", "{\"dryRun \":true}"), 400, "Unknown field 'dryRun '");
		assertRefused(post("/actuator/certificates/web", "{\"Force\":false}"), 400, "(did you mean 'force'?)");
		assertNothingReloaded();
	}

	@Test
	void optionsMustBeTrueOrFalse() throws Exception {
		startAndRotate(CertificatesApplication.OPEN_ACCESS);
		Map<String, String> values = Map.of("\"yes\"", "a string", "\"true\"", "a string", "1", "a number", "0",
				"a number", "null", "null", "{}", "an object", "[true]", "an array");
		values.forEach((value, type) -> {
			assertRefused(post("/actuator/certificates", "{\"dryRun\":" + value + "}"), 400,
					"Field 'dryRun' must be true or false, not " + type);
			assertRefused(post("/actuator/certificates/web", "{\"force\":" + value + "}"), 400,
					"Field 'force' must be true or false, not " + type);
		});
		assertNothingReloaded();
	}

	@Test
	void unknownFieldsAreRefused() throws Exception {
		startAndRotate(CertificatesApplication.OPEN_ACCESS);
		assertRefused(post("/actuator/certificates/web", "{\"dryRun\":true,\"verbose\":true}"), 400,
				"Unknown field 'verbose'");
		assertRefused(post("/actuator/certificates/web", "{\"bundle\":\"other\"}"), 400, "Unknown field 'bundle'");
		assertRefused(post("/actuator/certificates/web", "{\"principal\":\"mallory\"}"), 400,
				"Unknown field 'principal'");
		assertNothingReloaded();
	}

	@Test
	void bodiesThatAreNotOneJsonObjectOfOptionsAreRefused() throws Exception {
		startAndRotate(CertificatesApplication.OPEN_ACCESS);
		assertRefused(post("/actuator/certificates/web", "{\"force\":false,\"force\":true}"), 400,
				"Field 'force' is given more than once");
		assertRefused(post("/actuator/certificates/web", "{\"dryRun\":true"), 400,
				"The body is not valid JSON: expected ',' or '}' at the end");
		assertRefused(post("/actuator/certificates/web", "{\"dryRun\":true} {}"), 400,
				"expected nothing after the JSON object at offset 16");
		assertRefused(post("/actuator/certificates/web", "{'dryRun':true}"), 400, "expected a field name");
		assertRefused(post("/actuator/certificates/web", "[]"), 400, "The body must be empty or a JSON object");
		assertRefused(post("/actuator/certificates/web", " "), 400, "The body must be empty or a JSON object");
		assertRefused(post("/actuator/certificates/web", "dryRun=true"), 400,
				"The body must be empty or a JSON object");
		byte[] notUtf8 = { '{', '"', (byte) 0xc3, '"', ':', 't', 'r', 'u', 'e', '}' };
		assertRefused(this.app.actuator().post("/actuator/certificates/web", notUtf8), 400,
				"The body is not valid UTF-8");
		assertNothingReloaded();
	}

	@Test
	void optionsInTheQueryAreRefused() throws Exception {
		startAndRotate(CertificatesApplication.OPEN_ACCESS);
		assertRefused(post("/actuator/certificates/web?dryRun=true", "{}"), 400,
				"Query parameters are not accepted: send the options as fields of the JSON body");
		assertRefused(post("/actuator/certificates?dryrun=true", "{}"), 400, "Query parameters are not accepted");
		assertNothingReloaded();
	}

	@Test
	void bodyOverTheLimitIsRefusedWithoutWaitingForTheRestOfIt() throws Exception {
		startAndRotate(CertificatesApplication.OPEN_ACCESS);
		byte[] part = new byte[8192];
		Arrays.fill(part, (byte) ' ');
		Response declared = this.app.actuator()
			.postPartially("/actuator/certificates/web", "Content-Length: " + TEN_MEGABYTES, part);
		assertRefused(declared, 413, "The body is larger than 4096 bytes");
		byte[] chunk = ("2000\r\n" + new String(part, StandardCharsets.US_ASCII) + "\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		Response chunked = this.app.actuator()
			.postPartially("/actuator/certificates/web", "Transfer-Encoding: chunked", chunk);
		assertRefused(chunked, 413, "The body is larger than 4096 bytes");
		assertNothingReloaded();
	}

	@Test
	void bodyAtTheLimitIsRead() throws Exception {
		startAndRotate(CertificatesApplication.OPEN_ACCESS);
		String options = "{\"dryRun\":true}";
		String body = options.substring(0, options.length() - 1) + " ".repeat(4096 - options.length()) + "}";
		Response response = post("/actuator/certificates/web", body);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().path("bundles").path("web").path("outcome").asText()).isEqualTo("valid");
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(this.app.first().serialHex());
	}

	@Test
	void anySpellingOfTheEndpointPathIsChecked() throws Exception {
		startAndRotate(CertificatesApplication.OPEN_ACCESS);
		assertRefused(post("/actuator/certific%61tes/web", "{\"dryrun\":true}"), 400, "Unknown field 'dryrun'");
		assertRefused(post("/actuator/certificates/", "{\"dryrun\":true}"), 400, "Unknown field 'dryrun'");
		assertNothingReloaded();
	}

	@Test
	void readOnlyEndpointAnswersPostWith405WhateverTheBody() throws Exception {
		startAndRotate();
		assertThat(post("/actuator/certificates", "{\"dryrun\":true}").status()).isEqualTo(405);
		assertThat(post("/actuator/certificates/web?force=yes", "[").status()).isEqualTo(405);
		assertNothingReloaded();
	}

	@Test
	void bodyIsCheckedWhenTheActuatorIsOnTheMainServer() throws Exception {
		this.app.startWithActuatorOnMainServer(CertificatesApplication.OPEN_ACCESS);
		this.app.replacePem(this.app.issue("second.example"));
		assertRefused(post("/actuator/certificates", "{\"dryrun\":true}"), 400, "Unknown field 'dryrun'");
		assertRefused(post("/actuator/certificates/web", "{\"dryRun\":\"yes\"}"), 400, "not a string");
		assertThat(this.app.web().path("history")).hasSize(1);
		Response valid = post("/actuator/certificates/web", "{\"dryRun\":true}");
		assertThat(valid.json().path("bundles").path("web").path("outcome").asText()).isEqualTo("valid");
	}

	@Test
	void bodyIsCheckedOnWebFlux() throws Exception {
		this.app.startReactive(CertificatesApplication.OPEN_ACCESS);
		this.app.replacePem(this.app.issue("second.example"));
		assertRefused(post("/actuator/certificates", "{\"dryrun\":true}"), 400, "Unknown field 'dryrun'");
		assertRefused(post("/actuator/certificates/web", "{\"force\":1}"), 400, "not a number");
		assertRefused(post("/actuator/certificates/web?dryRun=true", ""), 400, "Query parameters are not accepted");
		byte[] part = new byte[8192];
		Arrays.fill(part, (byte) ' ');
		assertRefused(
				this.app.actuator()
					.postPartially("/actuator/certificates/web", "Content-Length: " + TEN_MEGABYTES, part),
				413, "larger than 4096 bytes");
		byte[] chunk = ("2000\r\n" + new String(part, StandardCharsets.US_ASCII) + "\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		assertRefused(
				this.app.actuator().postPartially("/actuator/certificates/web", "Transfer-Encoding: chunked", chunk),
				413, "larger than 4096 bytes");
		assertNothingReloaded();
		Response valid = post("/actuator/certificates/web", "{\"dryRun\":true}");
		assertThat(valid.status()).isEqualTo(200);
		assertThat(valid.json().path("bundles").path("web").path("outcome").asText()).isEqualTo("valid");
	}

	private void startAndRotate(String... properties) {
		this.app.start(properties);
		this.app.replacePem(this.app.issue("second.example"));
	}

	private Response post(String path, String body) {
		try {
			return this.app.actuator().post(path, body);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void assertRefused(Response response, int status, String message) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		try {
			JsonNode json = response.json();
			assertThat(json.path("status").asInt()).isEqualTo(status);
			assertThat(json.path("message").asText()).contains(message);
		}
		catch (Exception ex) {
			throw new AssertionError("Not a JSON answer: " + response.body(), ex);
		}
	}

	private void assertNothingReloaded() throws Exception {
		JsonNode web = this.app.web();
		assertThat(web.path("history")).hasSize(1);
		assertThat(web.path("reloads").asLong()).isZero();
		assertThat(web.path("source").path("differsFromServed").asBoolean()).isTrue();
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(this.app.first().serialHex());
	}

}
