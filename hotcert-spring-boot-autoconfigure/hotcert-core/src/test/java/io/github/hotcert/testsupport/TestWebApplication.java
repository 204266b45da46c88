package io.github.hotcert.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small servlet application for integration tests: answers {@code GET /} with
 * {@code ok}, listens on a random port, on loopback.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
public class TestWebApplication {

	@GetMapping("/")
	String hello() {
		return "ok";
	}

	public static ConfigurableApplicationContext run(Class<?>[] sources, String... properties) {
		return run(TestWebApplication.class, WebApplicationType.SERVLET, sources, properties);
	}

	static ConfigurableApplicationContext run(Class<?> application, WebApplicationType type, Class<?>[] sources,
			String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"spring.main.banner-mode=off", "spring.jmx.enabled=false"));
		all.addAll(Arrays.asList(properties));
		List<Class<?>> classes = new ArrayList<>(List.of(sources));
		classes.add(0, application);
		return new SpringApplicationBuilder(classes.toArray(Class[]::new)).web(type)
			.properties(all.toArray(String[]::new))
			.run();
	}

	public static ConfigurableApplicationContext run(String... properties) {
		return run(new Class<?>[0], properties);
	}

	public static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	/**
	 * The properties of a PEM bundle named {@code name} served by the web server.
	 */
	public static String[] pemBundle(String name, Path certificate, Path privateKey) {
		return new String[] { "server.ssl.bundle=" + name,
				"spring.ssl.bundle.pem." + name + ".keystore.certificate=" + certificate,
				"spring.ssl.bundle.pem." + name + ".keystore.private-key=" + privateKey };
	}

	/**
	 * Wait until the last reload of a bundle ended with the given outcome.
	 * @param context the running application
	 * @param bundle the bundle name
	 * @param outcome the awaited outcome
	 * @param timeout how long to wait
	 * @return the result of that reload
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static ReloadResult awaitLastResult(ConfigurableApplicationContext context, String bundle,
			ReloadOutcome outcome, Duration timeout) throws InterruptedException {
		CertificateReloader reloader = context.getBean(CertificateReloader.class);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			ReloadResult last = reloader.getBundle(bundle).getLastResult();
			if (last != null && last.outcome() == outcome) {
				return last;
			}
			Thread.sleep(20);
		}
		throw new AssertionError(
				"No reload ended " + outcome + "; last: " + reloader.getBundle(bundle).getLastResult());
	}

	public static String[] concat(String[]... groups) {
		return Arrays.stream(groups).flatMap(Arrays::stream).toArray(String[]::new);
	}

}
