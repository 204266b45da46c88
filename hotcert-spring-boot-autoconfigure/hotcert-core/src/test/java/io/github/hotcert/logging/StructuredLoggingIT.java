package io.github.hotcert.logging;

import org.junit.jupiter.api.Test;

import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.logback.LogbackLoggingSystem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structured log lines of hotcert with Spring Boot's default logging system, Logback.
 */
class StructuredLoggingIT extends StructuredLoggingContract {

	@Test
	void runsWithLogback() {
		assertThat(LoggingSystem.get(getClass().getClassLoader())).isInstanceOf(LogbackLoggingSystem.class);
	}

}
