package io.github.hotcert.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small servlet application for integration tests: answers {@code GET /} with
 * {@code ok}, listens on a random port, on loopback. Tests start it through
 * {@link RunningApplication}, which closes it. Its properties are default properties,
 * except those given as {@code --name=value}: these are command-line arguments, which
 * outrank the system properties the build sets for every test ({@code
 * hotcert.startup.delay=0s}, so that applications validate their startup material at
 * once).
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
		List<String> arguments = new ArrayList<>();
		for (String property : properties) {
			(property.startsWith("--") ? arguments : all).add(property);
		}
		List<Class<?>> classes = new ArrayList<>(List.of(sources));
		classes.add(0, application);
		return new SpringApplicationBuilder(classes.toArray(Class[]::new)).web(type)
			.properties(all.toArray(String[]::new))
			.run(arguments.toArray(String[]::new));
	}

	public static ConfigurableApplicationContext run(String... properties) {
		return run(new Class<?>[0], properties);
	}

	/**
	 * The properties of a PEM bundle named {@code name} served by the web server.
	 */
	public static String[] pemBundle(String name, Path certificate, Path privateKey) {
		return new String[] { "server.ssl.bundle=" + name,
				"spring.ssl.bundle.pem." + name + ".keystore.certificate=" + certificate,
				"spring.ssl.bundle.pem." + name + ".keystore.private-key=" + privateKey };
	}

	public static String[] concat(String[]... groups) {
		return Arrays.stream(groups).flatMap(Arrays::stream).toArray(String[]::new);
	}

}
