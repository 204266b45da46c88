package io.github.hotcert.sample;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Starts an application with the sample's class path and the auto-configuration of the
 * other Spring Boot line added to it, as when an application picks the wrong starter: the
 * start fails with one message that names the starter to use, before anything else goes
 * wrong.
 */
class WrongStarterIT {

	@Test
	void theStarterOfTheOtherSpringBootLineNamesTheRightOne() throws Exception {
		Path otherLine = Path.of(System.getProperty("hotcert.sample.other-line-classes"));
		assertThat(otherLine.resolve("META-INF/spring.factories"))
			.as("the other line's auto-configuration, built by the same reactor")
			.satisfies((factories) -> assertThat(Files.isRegularFile(factories)).isTrue());
		boolean boot4 = SpringBootVersion.getVersion().startsWith("4.");
		String wrong = boot4 ? "hotcert-spring-boot3-starter" : "hotcert-spring-boot-starter";
		String right = boot4 ? "hotcert-spring-boot-starter" : "hotcert-spring-boot3-starter";
		try (URLClassLoader classLoader = new URLClassLoader(new URL[] { otherLine.toUri().toURL() },
				getClass().getClassLoader())) {
			SpringApplication application = new SpringApplication(new DefaultResourceLoader(classLoader),
					Application.class);
			assertThatIllegalStateException()
				.isThrownBy(() -> application.run("--spring.config.name=wrong-starter", "--server.port=0"))
				.withMessage(
						"io.github.hotcert:%s is for Spring Boot %s, but this application runs on Spring Boot %s: "
								+ "replace it with io.github.hotcert:%s",
						wrong, boot4 ? "3.5" : "4", SpringBootVersion.getVersion(), right);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
