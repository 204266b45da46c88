package io.github.hotcert.benchmarks;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged sample application running as a process: {@code java -jar} with its HTTPS
 * and management servers on free loopback ports and its certificate files in a
 * {@link SecretVolume}. Every process is stopped by {@link #close()}, and those still
 * running when the benchmark's JVM exits by a shutdown hook.
 */
final class SampleApp implements AutoCloseable {

	private static final Pattern HTTPS_PORT = Pattern
		.compile("started on port[s()]* (\\d+) \\((?:https|ssl, [^)]*)\\)");

	private static final Pattern HTTP_PORT = Pattern.compile("started on port[s()]* (\\d+) \\((?:http|http/1\\.1)\\)");

	private static final Pattern STARTED = Pattern.compile("Started \\S+ in [\\d.]+ seconds");

	private static final Pattern VALIDATED = Pattern.compile("Validated the material of \\d+ SSL bundles?");

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

	private static final Set<Process> running = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(SampleApp::stopAll, "stop-sample-applications"));
	}

	private final Variant variant;

	private final Process process;

	private final long startedNanos;

	private final CompletableFuture<Integer> httpsPort = new CompletableFuture<>();

	private final CompletableFuture<Integer> managementPort = new CompletableFuture<>();

	private final CompletableFuture<Integer> started = new CompletableFuture<>();

	private final CompletableFuture<Long> validated = new CompletableFuture<>();

	private final Deque<String> lastLines = new ArrayDeque<>();

	private SampleApp(Variant variant, List<String> arguments, Path workingDirectory, Path log) throws IOException {
		this.variant = variant;
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-jar");
		command.add(variant.jar().toAbsolutePath().toString());
		command.add("--server.address=127.0.0.1");
		command.add("--server.port=0");
		command.add("--management.server.address=127.0.0.1");
		command.add("--management.server.port=0");
		command.add("--hotcert.development.generate-missing-certificates=false");
		command.add("--management.endpoints.web.exposure.include=health,info,prometheus,metrics,certificates");
		command.addAll(arguments);
		command.addAll(variant.arguments());
		Files.createDirectories(workingDirectory);
		Files.createDirectories(log.getParent());
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectErrorStream(true);
		this.startedNanos = System.nanoTime();
		this.process = builder.start();
		running.add(this.process);
		Thread reader = new Thread(() -> read(log), "output-of-" + this.process.pid());
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Start the application and wait until both of its servers listen and it has logged
	 * that it started.
	 * @param variant the jar and arguments
	 * @param arguments the arguments that configure its bundles
	 * @param workingDirectory the working directory of the process
	 * @param log where to write the output of the process
	 * @return the started application
	 * @throws IOException if the process cannot be started or does not start its servers
	 */
	static SampleApp start(Variant variant, List<String> arguments, Path workingDirectory, Path log)
			throws IOException {
		SampleApp app = new SampleApp(variant, arguments, workingDirectory, log);
		try {
			app.httpsPort.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			app.managementPort.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			app.started.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			return app;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			app.close();
			throw new IOException("Interrupted while " + variant.name() + " started", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			app.close();
			throw new IOException(variant.name() + " did not start. Its last lines:\n" + app.lastLines(), ex);
		}
	}

	Variant variant() {
		return this.variant;
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * The {@link System#nanoTime()} just before the process was started.
	 * @return the start time
	 */
	long startedNanos() {
		return this.startedNanos;
	}

	/**
	 * Wait until hotcert has logged that it validated the material every bundle serves
	 * since startup.
	 * @param timeout how long to wait
	 * @return the {@link System#nanoTime()} at which the line was read
	 * @throws IOException if it was not logged in time
	 */
	long awaitValidated(Duration timeout) throws IOException {
		try {
			return this.validated.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IOException(this.variant.name() + " did not log the end of its startup validation", ex);
		}
	}

	int httpsPort() {
		return this.httpsPort.join();
	}

	int managementPort() {
		return this.managementPort.join();
	}

	synchronized String lastLines() {
		return String.join("\n", this.lastLines);
	}

	private void read(Path log) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				BufferedWriter writer = Files.newBufferedWriter(log)) {
			String line;
			while ((line = reader.readLine()) != null) {
				writer.write(line);
				writer.newLine();
				remember(line);
				complete(this.httpsPort, HTTPS_PORT, line);
				complete(this.managementPort, HTTP_PORT, line);
				if (!this.started.isDone() && STARTED.matcher(line).find()) {
					this.started.complete(0);
				}
				if (!this.validated.isDone() && VALIDATED.matcher(line).find()) {
					this.validated.complete(System.nanoTime());
				}
			}
		}
		catch (IOException ex) {
			// The process ended
		}
		finally {
			IOException exited = new IOException("The process exited with " + exitValue());
			this.httpsPort.completeExceptionally(exited);
			this.managementPort.completeExceptionally(exited);
			this.started.completeExceptionally(exited);
			this.validated.completeExceptionally(exited);
		}
	}

	private String exitValue() {
		try {
			return String.valueOf(this.process.waitFor());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "an unknown code";
		}
	}

	private synchronized void remember(String line) {
		this.lastLines.addLast(line);
		if (this.lastLines.size() > 40) {
			this.lastLines.removeFirst();
		}
	}

	private static void complete(CompletableFuture<Integer> port, Pattern pattern, String line) {
		if (!port.isDone()) {
			Matcher matcher = pattern.matcher(line);
			if (matcher.find()) {
				port.complete(Integer.parseInt(matcher.group(1)));
			}
		}
	}

	@Override
	public void close() {
		stop(this.process);
	}

	private static void stop(Process process) {
		try {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				process.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		finally {
			running.remove(process);
		}
	}

	private static void stopAll() {
		for (Process process : List.copyOf(running)) {
			process.destroyForcibly();
		}
	}

}
