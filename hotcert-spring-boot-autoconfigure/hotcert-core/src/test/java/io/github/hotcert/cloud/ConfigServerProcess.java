package io.github.hotcert.cloud;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * A real Spring Cloud Config Server with a native (file) backend, started as a second
 * Spring Boot process from the class path of the tests, on a free loopback port. It reads
 * its files again for every request, so a test changes the configuration by writing them.
 */
final class ConfigServerProcess implements AutoCloseable {

	private static final Pattern PORT = Pattern.compile("started on port[s()]* (\\d+) \\(http\\)");

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private final Process process;

	private final List<String> output = new CopyOnWriteArrayList<>();

	private final int port;

	private ConfigServerProcess(Path searchLocation) throws IOException {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				TestConfigServer.class.getName(), "--server.port=0", "--server.address=127.0.0.1",
				"--spring.profiles.active=native",
				"--spring.cloud.config.server.native.search-locations=file:" + searchLocation + "/",
				"--spring.cloud.config.enabled=false", "--spring.cloud.config.import-check.enabled=false",
				"--hotcert.enabled=false", "--spring.main.banner-mode=off", "--spring.jmx.enabled=false",
				"--management.endpoints.web.exposure.include=health");
		this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Thread reader = new Thread(() -> read(this.process.getInputStream()), "config-server-output");
		reader.setDaemon(true);
		reader.start();
		this.port = awaitPort();
	}

	/**
	 * Start a Config Server that serves the files of a directory.
	 * @param searchLocation the directory, with one {@code <application>.yml} per
	 * application
	 * @return the started server
	 * @throws IOException if it cannot be started
	 */
	static ConfigServerProcess start(Path searchLocation) throws IOException {
		return new ConfigServerProcess(searchLocation);
	}

	/**
	 * Return the URI of the server, for {@code spring.config.import}.
	 * @return the URI
	 */
	String uri() {
		return "http://127.0.0.1:" + this.port;
	}

	String output() {
		return String.join("\n", this.output);
	}

	private int awaitPort() {
		try {
			return await().atMost(STARTUP_TIMEOUT)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(100))
				.until(this::port, Objects::nonNull);
		}
		catch (ConditionTimeoutException ex) {
			close();
			throw new AssertionError("The Config Server did not start:\n" + output(), ex);
		}
	}

	private Integer port() {
		for (String line : this.output) {
			Matcher matcher = PORT.matcher(line);
			if (matcher.find()) {
				return Integer.parseInt(matcher.group(1));
			}
		}
		if (!this.process.isAlive()) {
			throw new AssertionError("The Config Server exited:\n" + output());
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

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
