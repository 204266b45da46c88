package io.github.hotcert.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * Reads and calls the {@code certificates} actuator endpoint of an application whose
 * management server listens on {@code 127.0.0.1} over HTTP.
 */
final class CertificatesEndpointClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final ObjectMapper objectMapper = new ObjectMapper();

	private final URI endpoint;

	CertificatesEndpointClient(int managementPort) {
		this.endpoint = URI.create("http://127.0.0.1:" + managementPort + "/actuator/certificates/");
	}

	/**
	 * Read one bundle: {@code GET /actuator/certificates/{bundle}}.
	 * @param bundle the bundle name
	 * @return the bundle's description
	 * @throws IOException if the request fails or is not answered with 200
	 * @throws InterruptedException if interrupted
	 */
	JsonNode bundle(String bundle) throws IOException, InterruptedException {
		Answer answer = send(HttpRequest.newBuilder(this.endpoint.resolve(bundle)).timeout(TIMEOUT).GET().build());
		if (answer.status() != 200) {
			throw new IOException(
					"GET %s answered %d: %s".formatted(this.endpoint.resolve(bundle), answer.status(), answer.body()));
		}
		return answer.body();
	}

	/**
	 * Read one bundle until it satisfies a condition.
	 * @param bundle the bundle name
	 * @param condition the condition
	 * @param timeout how long to wait
	 * @return the first description of the bundle that satisfies the condition
	 * @throws IOException if a request fails
	 * @throws InterruptedException if interrupted
	 * @throws AssertionError if the condition is not satisfied in time
	 */
	JsonNode awaitBundle(String bundle, Predicate<JsonNode> condition, Duration timeout)
			throws IOException, InterruptedException {
		AtomicReference<JsonNode> last = new AtomicReference<>();
		try {
			return await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).until(() -> {
				last.set(bundle(bundle));
				return last.get();
			}, condition);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Bundle '%s' did not reach the expected state within %s; last read:%n%s"
				.formatted(bundle, timeout, (last.get() != null) ? last.get().toPrettyString() : null), ex);
		}
	}

	/**
	 * Ask for a reload of one bundle: {@code POST /actuator/certificates/{bundle}}.
	 * @param bundle the bundle name
	 * @param options the JSON body, for example <code>{}</code> or
	 * <code>{"force":true}</code>
	 * @return the status and the body of the answer
	 * @throws IOException if the request fails
	 * @throws InterruptedException if interrupted
	 */
	Answer reload(String bundle, String options) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(this.endpoint.resolve(bundle))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(options))
			.build());
	}

	private Answer send(HttpRequest request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), this.objectMapper.readTree(response.body()));
	}

	/**
	 * An answer of the endpoint.
	 *
	 * @param status the HTTP status
	 * @param body the JSON body
	 */
	record Answer(int status, JsonNode body) {

	}

}
