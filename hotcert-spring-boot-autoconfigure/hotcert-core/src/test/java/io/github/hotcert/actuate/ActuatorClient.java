package io.github.hotcert.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Plain HTTP requests to an actuator on a loopback management port.
 */
final class ActuatorClient {

	private static final ObjectMapper objectMapper = new ObjectMapper();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final int port;

	private final Map<String, String> headers;

	ActuatorClient(int port) {
		this(port, Map.of());
	}

	private ActuatorClient(int port, Map<String, String> headers) {
		this.port = port;
		this.headers = headers;
	}

	ActuatorClient withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new ActuatorClient(this.port, headers);
	}

	Response get(String path) throws IOException, InterruptedException {
		return send(request(path).GET());
	}

	Response post(String path, String json) throws IOException, InterruptedException {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	Response postWithoutBody(String path) throws IOException, InterruptedException {
		return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()));
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
		this.headers.forEach(builder::header);
		return builder;
	}

	private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.body());
	}

	/**
	 * An HTTP response.
	 */
	record Response(int status, String body) {

		JsonNode json() throws IOException {
			return objectMapper.readTree(this.body);
		}

	}

}
