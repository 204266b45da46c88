package io.github.hotcert.compatibility;

import java.io.IOException;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.StartupValidation;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs one application twice, with hotcert and without it ({@code hotcert.enabled=false},
 * which leaves nothing of hotcert in the context), and records what a client sees of each
 * over real HTTPS, the way Spring Boot's SSL smoke tests look at an application: the
 * served certificate, the answer to {@code GET /}, and the actuator's health and SSL info
 * on the main port.
 */
public final class WithAndWithoutHotcert {

	/**
	 * The property that leaves hotcert out.
	 */
	public static final String WITHOUT = "hotcert.enabled=false";

	private static final ObjectMapper objectMapper = new ObjectMapper();

	private static final String[] ACTUATOR = { "management.endpoints.web.exposure.include=health,info",
			"management.endpoint.health.show-details=always", "management.health.ssl.enabled=true",
			"management.info.ssl.enabled=true" };

	private final Function<String[], ConfigurableApplicationContext> run;

	/**
	 * Create a new {@link WithAndWithoutHotcert}.
	 * @param run starts the application with the given properties, on port 0 and loopback
	 */
	public WithAndWithoutHotcert(Function<String[], ConfigurableApplicationContext> run) {
		this.run = run;
	}

	/**
	 * Run the application with hotcert.
	 * @param properties the application's properties
	 * @return what a client saw
	 */
	public Seen with(String... properties) {
		return observe(true, properties);
	}

	/**
	 * Run the application without hotcert.
	 * @param properties the application's properties
	 * @return what a client saw
	 */
	public Seen without(String... properties) {
		return observe(false, properties);
	}

	private Seen observe(boolean hotcert, String... properties) {
		String[] all = TestWebApplication.concat(ACTUATOR, properties,
				hotcert ? new String[0] : new String[] { WITHOUT });
		try (ConfigurableApplicationContext context = this.run.apply(all)) {
			assertThat(context.getBeanProvider(CertificateReloader.class).getIfAvailable() != null)
				.as("hotcert is in the context")
				.isEqualTo(hotcert);
			StartupValidation.awaitDone(context);
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			TlsClient client = TlsClient.create();
			TlsClient.Response health = client.get(port, "/actuator/health");
			JsonNode healthJson = objectMapper.readTree(health.body());
			JsonNode info = objectMapper.readTree(client.get(port, "/actuator/info").body());
			return new Seen(client.servedSerial(port), client.get(port, "/"), health.status(),
					healthJson.path("status").asText(),
					healthJson.path("components").path("ssl").path("status").asText(), info.path("ssl"),
					healthJson.path("components").path("certificates"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What a client saw of a running application.
	 *
	 * @param servedSerial the serial number of the certificate served on the main port
	 * @param home the answer to {@code GET /}
	 * @param healthHttpStatus the HTTP status of {@code GET /actuator/health}
	 * @param status the overall health status
	 * @param sslStatus the status of Spring Boot's {@code ssl} health indicator
	 * @param sslInfo the {@code ssl} part of {@code /actuator/info}
	 * @param certificates hotcert's {@code certificates} health component, missing
	 * without hotcert (not compared)
	 */
	public record Seen(String servedSerial, TlsClient.Response home, int healthHttpStatus, String status,
			String sslStatus, JsonNode sslInfo, JsonNode certificates) {

		/**
		 * Return what every client sees the same with hotcert and without it.
		 * @return this without hotcert's own health component
		 */
		public Seen common() {
			return new Seen(this.servedSerial, this.home, this.healthHttpStatus, this.status, this.sslStatus,
					this.sslInfo, null);
		}

	}

}
