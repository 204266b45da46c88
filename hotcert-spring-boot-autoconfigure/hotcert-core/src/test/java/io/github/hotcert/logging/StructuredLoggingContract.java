package io.github.hotcert.logging;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.testsupport.PemBundleDirectory;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every hotcert log line carries in Spring Boot's structured logging formats: an
 * application started with {@code logging.structured.format.console} set to each format
 * reloads a bundle, rejects a key that does not match and retries; each JSON line of the
 * console is parsed, and the facts of hotcert's lines are read as separate fields. One
 * subclass per logging system.
 */
@ExtendWith(OutputCaptureExtension.class)
public abstract class StructuredLoggingContract {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final ObjectMapper mapper = new ObjectMapper();

	private final TestCertificates certificates = TestCertificates.now();

	@TempDir
	Path directory;

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	/**
	 * Forget the format: with Log4j2 Spring Boot hands it to the configuration as a
	 * system property, which it never overwrites, so the next application could not
	 * choose another one.
	 */
	@AfterEach
	void forgetTheStructuredFormat() {
		System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
	}

	@ParameterizedTest
	@EnumSource
	void reloadRejectionRetryAndWatcherLinesCarryTheirFacts(Format format, CapturedOutput output) {
		Issued authority = this.certificates.authority("structured logging CA");
		Issued first = this.certificates.issue(this.certificates.leaf("first"), authority);
		Issued second = this.certificates.issue(this.certificates.leaf("second"), authority);
		Issued third = this.certificates.issue(this.certificates.leaf("third"), authority);
		PemBundleDirectory files = new PemBundleDirectory(this.directory).write(first);
		this.application
			.run(TestWebApplication.concat(TestWebApplication.pemBundle("web", files.certificate(), files.privateKey()),
					new String[] { "logging.structured.format.console=" + format.id,
							"logging.level.io.github.hotcert=debug",
							// The retry is logged when it is scheduled and runs after
							// the test: the last rejection is the file watch's
							"hotcert.retry.initial-interval=1m" }));
		files.replace(second);
		ReloadResult reloaded = this.application.awaitLastResult("web", ReloadOutcome.RELOADED, TIMEOUT);
		files.replace(third, second);
		ReloadResult rejected = this.application.awaitLastResult("web", ReloadOutcome.REJECTED, TIMEOUT);
		await().atMost(TIMEOUT).until(() -> output.toString().contains("Retrying SSL bundle 'web'"));
		List<JsonNode> lines = jsonLines(output);
		List<JsonNode> hotcert = lines.stream()
			.filter((line) -> format.logger(line).startsWith("io.github.hotcert"))
			.toList();
		JsonNode watching = first(hotcert, format,
				(line) -> format.message(line).startsWith("Watching 2 certificate files"));
		assertThat(format.field(watching, LogFields.WATCH_MODE)).isEqualTo("watch+poll");
		assertThat(format.field(watching, LogFields.WATCHER_STATE)).isEqualTo("watching");
		JsonNode reload = first(hotcert, format, (line) -> "reloaded".equals(format.field(line, LogFields.OUTCOME))
				&& second.serialHex().equals(format.field(line, LogFields.NEW_SERIAL)));
		assertThat(format.message(reload))
			.isEqualTo("Reloaded SSL bundle 'web' (%s): %s".formatted(reloaded.trigger(), reloaded.message()));
		assertThat(format.field(reload, LogFields.BUNDLE)).isEqualTo("web");
		assertThat(format.field(reload, LogFields.TRIGGER)).isEqualTo(reloaded.trigger().id());
		assertThat(format.field(reload, LogFields.REASON)).isNull();
		assertThat(format.field(reload, LogFields.OLD_SERIAL)).isEqualTo(first.serialHex());
		assertThat(format.field(reload, LogFields.OLD_EXPIRY))
			.isEqualTo(reloaded.previousCertificate().notAfter().toString());
		assertThat(format.field(reload, LogFields.NEW_EXPIRY))
			.isEqualTo(reloaded.newCertificate().notAfter().toString());
		JsonNode rejection = first(hotcert, format, (line) -> "rejected".equals(format.field(line, LogFields.OUTCOME))
				&& third.serialHex().equals(format.field(line, LogFields.NEW_SERIAL)));
		assertThat(format.message(rejection))
			.startsWith("Rejected new material for SSL bundle 'web' (%s, key-match): ".formatted(rejected.trigger()));
		assertThat(format.field(rejection, LogFields.BUNDLE)).isEqualTo("web");
		assertThat(format.field(rejection, LogFields.REASON)).isEqualTo("key-match");
		assertThat(format.field(rejection, LogFields.FILE)).isEqualTo(files.privateKey().toString());
		assertThat(format.field(rejection, LogFields.OLD_SERIAL)).isEqualTo(second.serialHex());
		JsonNode retry = first(hotcert, format, (line) -> format.message(line).startsWith("Retrying SSL bundle 'web'"));
		assertThat(format.field(retry, LogFields.BUNDLE)).isEqualTo("web");
		assertThat(format.field(retry, LogFields.RETRY_ATTEMPT)).isEqualTo("1");
		assertThat(format.field(retry, LogFields.RETRY_DELAY)).isEqualTo("PT1M");
		assertThat(lines).filteredOn((line) -> !format.logger(line).startsWith("io.github.hotcert"))
			.isNotEmpty()
			.allSatisfy((line) -> assertThat(format.field(line, LogFields.BUNDLE)).isNull());
		assertThat(lines).allSatisfy(
				(line) -> assertThat(line.toString()).doesNotContain("PRIVATE KEY").doesNotContain("-----BEGIN"));
	}

	private static JsonNode first(List<JsonNode> lines, Format format, Predicate<JsonNode> condition) {
		return lines.stream()
			.filter(condition)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No such line in " + lines.stream().map(format::message).toList()));
	}

	private static List<JsonNode> jsonLines(CapturedOutput output) {
		List<JsonNode> lines = new ArrayList<>();
		for (String line : output.getOut().lines().toList()) {
			if (line.startsWith("{")) {
				try {
					lines.add(mapper.readTree(line));
				}
				catch (JsonProcessingException ex) {
					throw new AssertionError("Not a JSON line: " + line, ex);
				}
			}
		}
		assertThat(lines).as("JSON lines of the console").isNotEmpty();
		return lines;
	}

	/**
	 * Where each structured format puts the message, the logger name and the fields.
	 */
	enum Format {

		ECS("ecs") {

			@Override
			String message(JsonNode line) {
				return line.path("message").asText();
			}

			@Override
			String logger(JsonNode line) {
				return line.path("log").path("logger").asText();
			}

			@Override
			String field(JsonNode line, String name) {
				// Nested objects: hotcert.old.serial is
				// {"hotcert":{"old":{"serial":...}}}
				return text(line.at("/" + name.replace('.', '/')));
			}

		},

		LOGSTASH("logstash") {

			@Override
			String message(JsonNode line) {
				return line.path("message").asText();
			}

			@Override
			String logger(JsonNode line) {
				return line.path("logger_name").asText();
			}

			@Override
			String field(JsonNode line, String name) {
				return text(line.path(name));
			}

		},

		GELF("gelf") {

			@Override
			String message(JsonNode line) {
				return line.path("short_message").asText();
			}

			@Override
			String logger(JsonNode line) {
				return line.path("_log_logger").asText();
			}

			@Override
			String field(JsonNode line, String name) {
				return text(line.path("_" + name));
			}

		};

		private final String id;

		Format(String id) {
			this.id = id;
		}

		abstract String message(JsonNode line);

		abstract String logger(JsonNode line);

		abstract String field(JsonNode line, String name);

		private static String text(JsonNode node) {
			return node.isMissingNode() ? null : node.asText();
		}

	}

}
