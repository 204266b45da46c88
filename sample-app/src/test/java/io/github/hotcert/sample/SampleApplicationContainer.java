package io.github.hotcert.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample application run with {@code java -jar} in a container of the local
 * {@value #IMAGE} image. The container shares the host's network (there is no bridge
 * network), so its HTTPS and management servers listen on free ports of
 * {@code 127.0.0.1}. The jar is mounted read-only, and so is a directory of the host that
 * holds the certificate files: a directory, since file events do not cross a bind mount
 * of a single file.
 */
final class SampleApplicationContainer implements AutoCloseable {

	/**
	 * The image: Debian with a Java 17 runtime, built locally by
	 * {@code .ci/build-test-image}.
	 */
	static final String IMAGE = "hotcert-test-jre:17";

	/**
	 * Where the certificate directory is mounted in the container.
	 */
	static final String CERTIFICATES = "/etc/hotcert/tls";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private final GenericContainer<?> container;

	private final List<String> output = new CopyOnWriteArrayList<>();

	private final int httpsPort;

	private final int managementPort;

	private SampleApplicationContainer(Path certificates, List<String> arguments) {
		this.httpsPort = FreePorts.next();
		this.managementPort = FreePorts.next();
		List<String> command = new ArrayList<>(
				List.of("java", "-jar", "/opt/sample/sample-app.jar", "--server.address=127.0.0.1",
						"--server.port=" + this.httpsPort, "--management.server.port=" + this.managementPort,
						"--spring.ssl.bundle.pem.web.keystore.certificate=" + CERTIFICATES + "/tls.crt",
						"--spring.ssl.bundle.pem.web.keystore.private-key=" + CERTIFICATES + "/tls.key",
						"--hotcert.development.generate-missing-certificates=false"));
		command.addAll(arguments);
		this.container = new GenericContainer<>(DockerImageName.parse(IMAGE)).withNetworkMode("host")
			.withFileSystemBind(jar().toString(), "/opt/sample/sample-app.jar", BindMode.READ_ONLY)
			.withFileSystemBind(certificates.toAbsolutePath().toString(), CERTIFICATES, BindMode.READ_ONLY)
			.withWorkingDirectory("/tmp")
			.withCommand(command.toArray(String[]::new))
			.withLogConsumer((frame) -> this.output.add(frame.getUtf8StringWithoutLineEnding()))
			.waitingFor(
					Wait.forLogMessage(".*Started SampleApplication in.*\\n", 1).withStartupTimeout(STARTUP_TIMEOUT));
	}

	/**
	 * Start the sample application and wait until it has started.
	 * @param certificates the host directory with {@code tls.crt} and {@code tls.key},
	 * mounted at {@value #CERTIFICATES}
	 * @param arguments more command line arguments for the application
	 * @return the running application
	 */
	static SampleApplicationContainer start(Path certificates, String... arguments) {
		SampleApplicationContainer application = new SampleApplicationContainer(certificates, List.of(arguments));
		try {
			application.container.start();
		}
		catch (RuntimeException ex) {
			throw new AssertionError(
					"The sample application did not start in a container of " + IMAGE + ":\n" + application.output(),
					ex);
		}
		return application;
	}

	int httpsPort() {
		return this.httpsPort;
	}

	int managementPort() {
		return this.managementPort;
	}

	/**
	 * Return what the application has written so far.
	 * @return the standard output and error of the container
	 */
	String output() {
		return String.join("\n", this.output);
	}

	private static Path jar() {
		Path jar = Path.of(System.getProperty("basedir", "."), "target", "sample-app.jar").toAbsolutePath();
		assertThat(jar).as("the packaged sample application").isRegularFile();
		return jar;
	}

	@Override
	public void close() {
		this.container.stop();
	}

}
