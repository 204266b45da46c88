package io.github.hotcert.testsupport;

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
 * The reactive counterpart of {@link TestWebApplication}: a small WebFlux application
 * that answers {@code GET /} with {@code ok}, listens on a random port, on loopback. The
 * web server is chosen by the configuration classes given to {@link #run}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
public class TestReactiveWebApplication {

	@GetMapping("/")
	String hello() {
		return "ok";
	}

	public static ConfigurableApplicationContext run(Class<?>[] sources, String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"spring.main.banner-mode=off", "spring.jmx.enabled=false"));
		all.addAll(Arrays.asList(properties));
		List<Class<?>> classes = new ArrayList<>(List.of(sources));
		classes.add(0, TestReactiveWebApplication.class);
		return new SpringApplicationBuilder(classes.toArray(Class[]::new)).web(WebApplicationType.REACTIVE)
			.properties(all.toArray(String[]::new))
			.run();
	}

}
