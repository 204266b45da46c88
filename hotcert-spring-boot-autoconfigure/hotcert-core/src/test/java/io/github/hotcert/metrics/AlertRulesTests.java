package io.github.hotcert.metrics;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Checks {@code docs/prometheus/hotcert-alerts.yml} and runs its unit tests with
 * {@code promtool}. On CI ({@code CI=true}) a missing {@code promtool} fails the build;
 * elsewhere these tests are skipped.
 */
class AlertRulesTests {

	private static final Path RULES = Path.of(System.getProperty("basedir", "."), "..", "..", "docs", "prometheus")
		.toAbsolutePath()
		.normalize();

	private Path promtool;

	@BeforeEach
	void findPromtool() {
		this.promtool = findOnPath("promtool");
		if (this.promtool == null) {
			String message = "promtool is not installed (Debian: apt-get install prometheus)";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				fail(message + "; it is required on CI");
			}
			Assumptions.abort(message + ": skipping the checks of the alert rules");
		}
	}

	@Test
	void rulesAreValid() throws Exception {
		assertThat(promtool("check", "rules", "hotcert-alerts.yml")).contains("SUCCESS: 9 rules found");
	}

	@Test
	void alertsFireAndStaySilentAsTheUnitTestsExpect() throws Exception {
		assertThat(promtool("test", "rules", "hotcert-alerts-tests.yml")).contains("SUCCESS");
	}

	private String promtool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(this.promtool.toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			fail("promtool did not finish: " + command);
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as("exit code of %s; output:%n%s", command, output).isZero();
		return output;
	}

	static Path findOnPath(String name) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, name);
			if (!directory.isEmpty() && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

}
