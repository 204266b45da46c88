package io.github.hotcert.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small HTTPS application that uses the hotcert starter: its certificate is reloaded
 * whenever the files under {@code ./certs} change.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
