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
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.aot.AbstractAotProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring AOT processing of an application with hotcert, as
 * {@code spring-boot:process-aot} runs it at build time, on each Spring Boot line:
 * hotcert's auto-configuration is processed and its runtime hints are written, while
 * nothing is generated or written (no development certificate, although the application
 * asks for one and its files are missing, and no temporary certificate or account key of
 * an ACME bundle), no bundle is read, no CA is asked, and no watcher thread or signal
 * handler is started.
 */
class AotProcessingIT {

	@TempDir
	Path directory;

	@Test
	void processesTheApplicationWithoutCreatingKeyMaterialOrStartingAnything() throws Exception {
		Path certificates = Files.createDirectory(this.directory.resolve("certs"));
		Path output = Files.createDirectory(this.directory.resolve("aot"));
		Path acmeStorage = this.directory.resolve("acme");
		Set<String> threadsBefore = hotcertThreads();
		String hangUpBefore = hangUpHandler();
		try {
			SpringApplicationAotProcessor.main(new String[] { Application.class.getName(),
					output.resolve("sources").toString(), output.resolve("resources").toString(),
					output.resolve("classes").toString(), "io.github.hotcert", "aot-test", "--server.ssl.bundle=web",
					"--spring.ssl.bundle.pem.web.keystore.certificate=" + certificates.resolve("tls.crt"),
					"--spring.ssl.bundle.pem.web.keystore.private-key=" + certificates.resolve("tls.key"),
					"--hotcert.development.generate-missing-certificates=true", "--hotcert.signal.enabled=true",
					"--management.endpoints.web.exposure.include=certificates",
					"--hotcert.acme.bundle.acme.directory-url=https://127.0.0.1:1/dir",
					"--hotcert.acme.bundle.acme.domains=localhost",
					"--hotcert.acme.bundle.acme.terms-of-service-agreed=true",
					"--hotcert.acme.bundle.acme.http-challenge-address=127.0.0.1",
					"--hotcert.acme.bundle.acme.storage=" + acmeStorage });
		}
		finally {
			// The processing abandons its context without closing it, so the logging
			// system stays marked as initialized: spring-boot:process-aot ends its JVM
			// then, here the next application of this JVM must set up its logging again
			LoggingSystem.get(Application.class.getClassLoader()).cleanUp();
		}
		assertThat(certificates).isEmptyDirectory();
		assertThat(acmeStorage).doesNotExist();
		assertThat(System.getProperty(AbstractAotProcessor.AOT_PROCESSING)).isNull();
		assertThat(hotcertThreads()).as("hotcert threads started").isSubsetOf(threadsBefore);
		assertThat(hangUpHandler()).isEqualTo(hangUpBefore).doesNotContain("hotcert");
		assertThat(files(output.resolve("sources")))
			.anyMatch((file) -> file.endsWith("HotcertAutoConfiguration__BeanDefinitions.java"))
			.anyMatch((file) -> file.endsWith("HotcertAcmeConfiguration__BeanDefinitions.java"));
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
