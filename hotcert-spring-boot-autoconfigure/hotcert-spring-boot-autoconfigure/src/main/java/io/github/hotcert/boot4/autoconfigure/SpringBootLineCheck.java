package io.github.hotcert.boot4.autoconfigure;

import io.github.hotcert.config.SpringBootLine;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fails the start of an application that has the Spring Boot 4 starter but runs on
 * another Spring Boot line, before any of hotcert's auto-configuration is looked at.
 */
class SpringBootLineCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext applicationContext) {
		SpringBootLine.BOOT_4.check(applicationContext.getClassLoader());
	}

}
