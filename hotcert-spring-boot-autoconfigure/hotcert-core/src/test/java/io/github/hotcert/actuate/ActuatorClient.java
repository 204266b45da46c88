package io.github.hotcert.actuate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Plain HTTP requests to an actuator on a loopback management port.
 */
public final class ActuatorClient {

	private static final ObjectMapper objectMapper = new ObjectMapper();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final int port;

	private final Map<String, String> headers;

	public ActuatorClient(int port) {
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

	public Response get(String path) throws IOException, InterruptedException {
		return send(request(path).GET());
	}

	public Response post(String path, String json) throws IOException, InterruptedException {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	Response post(String path, byte[] body) throws IOException, InterruptedException {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	/**
	 * Send the head of a {@code POST} and only the first part of its body, then read the
	 * answer while the rest of the body is still due: answers only if the server answers
	 * without waiting for the whole body.
	 * @param path the path
	 * @param framing the header that frames the body: {@code Content-Length: …} or
	 * {@code Transfer-Encoding: chunked}
	 * @param part the bytes of the body that are sent, as framed
	 * @return the answer
	 */
	Response postPartially(String path, String framing, byte[] part) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
			OutputStream output = socket.getOutputStream();
			output.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.port
					+ "\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			output.write(part);
			output.flush();
			BufferedReader input = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			int status = Integer.parseInt(input.readLine().split(" ")[1]);
			int length = 0;
			for (String header = input.readLine(); !header.isEmpty(); header = input.readLine()) {
				if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
					length = Integer.parseInt(header.substring("content-length:".length()).trim());
				}
			}
			char[] body = new char[length];
			int read = 0;
			while (read < length) {
				int count = input.read(body, read, length - read);
				if (count < 0) {
					break;
				}
				read += count;
			}
			return new Response(status, new String(body, 0, read));
		}
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
	public record Response(int status, String body) {

		public JsonNode json() throws IOException {
			return objectMapper.readTree(this.body);
		}

	}

}
