package io.github.hotcert.acme;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.hotcert.testsupport.Pebble;
import io.github.hotcert.testsupport.TestWebApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Applications with an ACME bundle named {@code web} that orders from a {@link Pebble},
 * served on HTTPS, with their actuator on a plain HTTP loopback management port, and what
 * their actuator says.
 */
final class AcmeApplications {

	static final String DOMAIN = "acme.hotcert.test";

	private static final ObjectMapper objectMapper = new ObjectMapper();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private AcmeApplications() {
	}

	/**
	 * Return the properties of such an application.
	 * @param pebble the CA
	 * @param storage the storage directory
	 * @param more more properties
	 * @return the properties
	 */
	static String[] properties(Pebble pebble, Path storage, String... more) {
		return TestWebApplication.concat(
				new String[] { "server.ssl.bundle=web", "hotcert.acme.bundle.web.retry-initial-interval=1s",
						"hotcert.acme.bundle.web.retry-max-interval=4s", "management.server.port=0",
						"management.server.address=127.0.0.1", "management.server.ssl.enabled=false",
						"management.endpoints.web.exposure.include=certificates,health,prometheus",
						"management.endpoint.health.show-details=always" },
				pebble.bundleProperties("web", storage, DOMAIN), more);
	}

	/**
	 * Read a JSON document from the application's actuator.
	 * @param context the application
	 * @param path the path, such as {@code /actuator/certificates/web}
	 * @return the document
	 */
	static JsonNode json(ConfigurableApplicationContext context, String path) {
		return read(context, path, (body) -> objectMapper.readTree(body));
	}

	/**
	 * Read the Prometheus text of the application.
	 */
	static String prometheus(ConfigurableApplicationContext context) {
		return read(context, "/actuator/prometheus", (body) -> body);
	}

	private static <T> T read(ConfigurableApplicationContext context, String path, Reader<T> reader) {
		int port = context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
		try {
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			return reader.read(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@FunctionalInterface
	private interface Reader<T> {

		T read(String body) throws IOException;

	}

}
