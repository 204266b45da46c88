package io.github.hotcert.cloud;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.config.server.EnableConfigServer;

/**
 * A Spring Cloud Config Server, started by {@link ConfigServerProcess} in a process of
 * its own.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigServer
public class TestConfigServer {

	public static void main(String[] args) {
		SpringApplication.run(TestConfigServer.class, args);
	}

}
