package io.github.hotcert.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.hotcert.testsupport.TestWebApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.aot.AbstractAotProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring AOT processing of an application with hotcert, as
 * {@code spring-boot:process-aot} runs it at build time, on each Spring Boot line:
 * hotcert's auto-configuration is processed and its runtime hints are written, while
 * nothing is generated or written (no development certificate, although the application
 * asks for one and its files are missing), no bundle is read, and no watcher thread or
 * signal handler is started.
 */
class AotProcessingIT {

	@TempDir
	Path directory;

	@Test
	void processesTheApplicationWithoutCreatingKeyMaterialOrStartingAnything() throws Exception {
		Path certificates = Files.createDirectory(this.directory.resolve("certs"));
		Path output = Files.createDirectory(this.directory.resolve("aot"));
		Set<String> threadsBefore = hotcertThreads();
		String hangUpBefore = hangUpHandler();
		SpringApplicationAotProcessor.main(new String[] { Application.class.getName(),
				output.resolve("sources").toString(), output.resolve("resources").toString(),
				output.resolve("classes").toString(), "io.github.hotcert", "aot-test", "--server.ssl.bundle=web",
				"--spring.ssl.bundle.pem.web.keystore.certificate=" + certificates.resolve("tls.crt"),
				"--spring.ssl.bundle.pem.web.keystore.private-key=" + certificates.resolve("tls.key"),
				"--hotcert.development.generate-missing-certificates=true", "--hotcert.signal.enabled=true",
				"--management.endpoints.web.exposure.include=certificates" });
		assertThat(certificates).isEmptyDirectory();
		assertThat(System.getProperty(AbstractAotProcessor.AOT_PROCESSING)).isNull();
		assertThat(hotcertThreads()).isEqualTo(threadsBefore);
		assertThat(hangUpHandler()).isEqualTo(hangUpBefore).doesNotContain("hotcert");
		assertThat(files(output.resolve("sources")))
			.anyMatch((file) -> file.endsWith("HotcertAutoConfiguration__BeanDefinitions.java"));
		String hints = files(output.resolve("resources")).stream()
			.filter((file) -> file.contains("META-INF/native-image/") && file.endsWith(".json"))
			.map((file) -> read(output.resolve("resources").resolve(file)))
			.collect(Collectors.joining());
		assertThat(hints).as("runtime hints").contains(HotcertRuntimeHints.CLASSES_LOOKED_UP);
		assertThat(hints).contains("io.github.hotcert.actuate.CertificatesDescriptor",
				"io.github.hotcert.actuate.ReloadsDescriptor",
				"io.github.hotcert.config.HotcertProperties$Development");
	}

	private static Set<String> hotcertThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("hotcert-"))
			.collect(Collectors.toSet());
	}

	/**
	 * Describe the handler of SIGHUP, leaving it in place.
	 */
	private static String hangUpHandler() {
		Signal hangUp = new Signal("HUP");
		SignalHandler current = Signal.handle(hangUp, SignalHandler.SIG_DFL);
		Signal.handle(hangUp, current);
		return current.toString();
	}

	private static List<String> files(Path root) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile).map((file) -> root.relativize(file).toString()).toList();
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The application processed: the test web application, started from a main method as
	 * an application is.
	 */
	static final class Application {

		public static void main(String[] args) {
			new SpringApplicationBuilder(TestWebApplication.class)
				.properties("server.port=0", "spring.main.banner-mode=off", "spring.jmx.enabled=false")
				.run(args);
		}

	}

}
