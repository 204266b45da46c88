package io.github.hotcert.sample;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus server on a free loopback port, with a generated configuration and a
 * temporary data directory, that scrapes the targets of one job every second and
 * evaluates rule files every second.
 */
final class PrometheusServer implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	private final Process process;

	private final Path log;

	private final int port;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final ObjectMapper objectMapper = new ObjectMapper();

	private PrometheusServer(Path executable, Path directory, String job, List<String> targets, String metricsPath,
			List<Path> ruleFiles) throws IOException, InterruptedException {
		this.port = FreePorts.next();
		Path configuration = directory.resolve("prometheus.yml");
		Files.writeString(configuration, configuration(job, targets, metricsPath, ruleFiles));
		this.log = directory.resolve("prometheus.log");
		this.process = new ProcessBuilder(executable.toString(), "--config.file=" + configuration,
				"--storage.tsdb.path=" + Files.createDirectories(directory.resolve("data")),
				"--web.listen-address=127.0.0.1:" + this.port, "--log.level=warn")
			.directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.log.toFile())
			.start();
		awaitReady();
	}

	/**
	 * Start a Prometheus server.
	 * @param executable the {@code prometheus} executable
	 * @param directory a directory for its configuration, data and log
	 * @param job the job name of the target
	 * @param target the {@code host:port} to scrape
	 * @param metricsPath the path to scrape
	 * @param ruleFiles the rule files to evaluate
	 * @return the started server
	 * @throws IOException if it cannot be started
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	static PrometheusServer start(Path executable, Path directory, String job, String target, String metricsPath,
			List<Path> ruleFiles) throws IOException, InterruptedException {
		return start(executable, directory, job, List.of(target), metricsPath, ruleFiles);
	}

	/**
	 * Start a Prometheus server that scrapes several instances of one job.
	 * @param executable the {@code prometheus} executable
	 * @param directory a directory for its configuration, data and log
	 * @param job the job name of the targets
	 * @param targets the {@code host:port} of each instance to scrape
	 * @param metricsPath the path to scrape
	 * @param ruleFiles the rule files to evaluate
	 * @return the started server
	 * @throws IOException if it cannot be started
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	static PrometheusServer start(Path executable, Path directory, String job, List<String> targets, String metricsPath,
			List<Path> ruleFiles) throws IOException, InterruptedException {
		return new PrometheusServer(executable, directory, job, targets, metricsPath, ruleFiles);
	}

	/**
	 * Find the {@code prometheus} executable, or end the test: on CI ({@code CI=true})
	 * with a failure, elsewhere by skipping it.
	 * @param skipped what is skipped without it, for the message
	 * @return the executable
	 */
	static Path executableOrSkip(String skipped) {
		Path executable = findOnPath("prometheus");
		if (executable == null) {
			String message = "prometheus is not installed (Debian: apt-get install prometheus)";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				fail(message + "; it is required on CI");
			}
			Assumptions.abort(message + ": skipping " + skipped);
		}
		return executable;
	}

	/**
	 * Find an executable on the {@code PATH}.
	 * @param name the name of the executable
	 * @return the executable, or {@code null}
	 */
	static Path findOnPath(String name) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, name);
			if (!directory.isEmpty() && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * Send an instant query to {@code /api/v1/query}.
	 * @param promql the query
	 * @return the response: {@code status}, and {@code data} or {@code error}
	 * @throws IOException if the request fails
	 * @throws InterruptedException if interrupted
	 */
	JsonNode query(String promql) throws IOException, InterruptedException {
		return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
	}

	/**
	 * Return the rule groups and the state of their rules from {@code /api/v1/rules}.
	 * @return the groups
	 * @throws IOException if the request fails
	 * @throws InterruptedException if interrupted
	 */
	JsonNode ruleGroups() throws IOException, InterruptedException {
		return get("/api/v1/rules").path("data").path("groups");
	}

	/**
	 * Return the alerts that are pending or firing, from {@code /api/v1/alerts}.
	 * @return the alerts, each with its {@code labels}, {@code annotations},
	 * {@code state} and {@code value}
	 * @throws IOException if the request fails
	 * @throws InterruptedException if interrupted
	 */
	JsonNode alerts() throws IOException, InterruptedException {
		return get("/api/v1/alerts").path("data").path("alerts");
	}

	String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
		HttpResponse<String> response = this.client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + pathAndQuery))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
		return this.objectMapper.readTree(response.body());
	}

	private void awaitReady() {
		try {
			await().atMost(STARTUP_TIMEOUT)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(this::isReady);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Prometheus did not become ready:\n" + log(), ex);
		}
	}

	/**
	 * Return whether Prometheus answers that it is ready.
	 * @throws IOException if it does not listen yet
	 * @throws AssertionError if it exited
	 */
	private boolean isReady() throws IOException, InterruptedException {
		if (!this.process.isAlive()) {
			throw new AssertionError("Prometheus exited:\n" + log());
		}
		HttpResponse<String> response = this.client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/-/ready"))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString());
		return response.statusCode() == 200;
	}

	private static String configuration(String job, List<String> targets, String metricsPath, List<Path> ruleFiles) {
		StringBuilder yaml = new StringBuilder();
		yaml.append("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n");
		yaml.append("rule_files:\n");
		ruleFiles.forEach((file) -> yaml.append("  - '").append(file.toAbsolutePath()).append("'\n"));
		yaml.append("scrape_configs:\n");
		yaml.append("  - job_name: '").append(job).append("'\n");
		yaml.append("    metrics_path: '").append(metricsPath).append("'\n");
		yaml.append("    static_configs:\n      - targets: ['").append(String.join("', '", targets)).append("']\n");
		return yaml.toString();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
