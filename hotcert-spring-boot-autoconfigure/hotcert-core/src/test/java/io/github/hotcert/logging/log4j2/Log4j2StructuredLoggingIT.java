package io.github.hotcert.logging.log4j2;

import io.github.hotcert.logging.StructuredLoggingContract;
import org.junit.jupiter.api.Test;

import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.log4j2.Log4J2LoggingSystem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structured log lines of hotcert with Log4j2 in place of Logback, as with
 * {@code spring-boot-starter-log4j2}. Run by each line's build in a run of its own, with
 * Log4j2 on the class path instead of Logback.
 */
class Log4j2StructuredLoggingIT extends StructuredLoggingContract {

	@Test
	void runsWithLog4j2() {
		assertThat(LoggingSystem.get(getClass().getClassLoader())).isInstanceOf(Log4J2LoggingSystem.class);
	}

}
