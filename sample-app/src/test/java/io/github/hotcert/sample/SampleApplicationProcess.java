package io.github.hotcert.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample application, started with {@code java -jar} in a working directory,
 * with its HTTPS and management servers on free ports.
 */
final class SampleApplicationProcess implements AutoCloseable {

	/**
	 * How Tomcat and Reactor Netty ({@code (https)}) and Jetty ({@code (ssl, http/1.1)})
	 * log an HTTPS port.
	 */
	private static final Pattern HTTPS_PORT = Pattern.compile("started on port[s()]* (\\d+) \\((https|ssl, [^)]*)\\)");

	/**
	 * How Tomcat and Reactor Netty ({@code (http)}) and Jetty ({@code (http/1.1)}) log an
	 * HTTP port.
	 */
	private static final Pattern HTTP_PORT = Pattern.compile("started on port[s()]* (\\d+) \\((http|http/1\\.1)\\)");

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

	private final Process process;

	private final List<String> output = new CopyOnWriteArrayList<>();

	private final int httpsPort;

	private final int managementPort;

	private SampleApplicationProcess(Path workingDirectory, String... arguments)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		if (isAotProcessed()) {
			command.add("-Dspring.aot.enabled=true");
		}
		command.add("-jar");
		command.add(jar().toString());
		command.add("--server.port=0");
		command.add("--management.server.port=0");
		command.addAll(List.of(arguments));
		this.process = new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.start();
		Thread reader = new Thread(() -> read(this.process.getInputStream()), "sample-app-output");
		reader.setDaemon(true);
		reader.start();
		this.httpsPort = awaitPort(HTTPS_PORT);
		this.managementPort = awaitPort(HTTP_PORT);
	}

	/**
	 * Return whether the sample was processed by Spring AOT (profile {@code aot}): it is
	 * then started with the generated code, as {@code -Dspring.aot.enabled=true} does.
	 * @return whether the sample runs with Spring AOT
	 */
	static boolean isAotProcessed() {
		return Boolean.getBoolean("hotcert.sample.aot");
	}

	static SampleApplicationProcess start(Path workingDirectory) throws IOException, InterruptedException {
		return new SampleApplicationProcess(workingDirectory);
	}

	/**
	 * Start the sample application with more command line arguments.
	 * @param workingDirectory the working directory
	 * @param arguments the arguments, such as {@code --name=value}
	 * @return the started application
	 * @throws IOException if it cannot be started
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	static SampleApplicationProcess start(Path workingDirectory, String... arguments)
			throws IOException, InterruptedException {
		return new SampleApplicationProcess(workingDirectory, arguments);
	}

	int httpsPort() {
		return this.httpsPort;
	}

	int managementPort() {
		return this.managementPort;
	}

	List<String> output() {
		return List.copyOf(this.output);
	}

	private int awaitPort(Pattern pattern) {
		try {
			return await().atMost(STARTUP_TIMEOUT)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> port(pattern), Objects::nonNull);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("The sample application did not start:\n" + String.join("\n", this.output), ex);
		}
	}

	/**
	 * Return the port that a line of the output so far names, or {@code null}.
	 * @throws AssertionError if the application exited
	 */
	private Integer port(Pattern pattern) {
		for (String line : this.output) {
			Matcher matcher = pattern.matcher(line);
			if (matcher.find()) {
				return Integer.parseInt(matcher.group(1));
			}
		}
		if (!this.process.isAlive()) {
			throw new AssertionError("The sample application exited:\n" + String.join("\n", this.output));
		}
		return null;
	}

	private void read(InputStream stream) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.output.add(line);
			}
		}
		catch (IOException ex) {
			// The process ended
		}
	}

	private static Path jar() {
		String basedir = System.getProperty("basedir", ".");
		Path jar = Path.of(basedir, "target", "sample-app.jar").toAbsolutePath();
		assertThat(jar).as("the packaged sample application").isRegularFile();
		return jar;
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
