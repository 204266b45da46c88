package io.github.hotcert.testsupport;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
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
		return TestWebApplication.run(TestReactiveWebApplication.class, WebApplicationType.REACTIVE, sources,
				properties);
	}

}
