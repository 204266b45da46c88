package io.github.hotcert.acme;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HttpChallengeListener}, on a free loopback port, with raw HTTP/1.1
 * requests.
 */
class HttpChallengeListenerIT {

	private final ChallengeResponses responses = new ChallengeResponses();

	private HttpChallengeListener listener;

	@BeforeEach
	void start() throws IOException {
		this.responses.add("known-token", "known-token.key-thumbprint", null);
		this.listener = new HttpChallengeListener("127.0.0.1", 0, this.responses, () -> 8443, "example.org");
		this.listener.start();
	}

	@AfterEach
	void stop() {
		this.listener.stop();
	}

	@Test
	void answersAPendingChallenge() throws IOException {
		String response = request("GET /.well-known/acme-challenge/known-token HTTP/1.1", "example.org");
		assertThat(response).startsWith("HTTP/1.1 200").endsWith("\r\n\r\nknown-token.key-thumbprint");
		assertThat(request("HEAD /.well-known/acme-challenge/known-token HTTP/1.1", "example.org"))
			.startsWith("HTTP/1.1 200")
			.endsWith("\r\n\r\n");
	}

	@Test
	void answersNotFoundForAnyOtherToken() throws IOException {
		assertThat(request("GET /.well-known/acme-challenge/other-token HTTP/1.1", "example.org"))
			.startsWith("HTTP/1.1 404");
		assertThat(request("GET /.well-known/acme-challenge/..%2Fetc%2Fpasswd HTTP/1.1", "example.org"))
			.startsWith("HTTP/1.1 404");
	}

	@Test
	void redirectsEverythingElseToHttpsOnTheWebServersPort() throws IOException {
		assertThat(request("GET /a/b?c=d HTTP/1.1", "www.example.org:80")).startsWith("HTTP/1.1 301")
			.contains("Location: https://www.example.org:8443/a/b?c=d");
		assertThat(request("POST /form HTTP/1.1", "example.org")).startsWith("HTTP/1.1 308")
			.contains("Location: https://example.org:8443/form");
		assertThat(request("PUT /.well-known/acme-challenge/known-token HTTP/1.1", "example.org"))
			.as("only GET and HEAD are answered")
			.startsWith("HTTP/1.1 308");
		assertThat(request("GET / HTTP/1.1", "bad_host!")).contains("Location: https://example.org:8443/");
		assertThat(request("GET / HTTP/1.1", "[::1]:80")).contains("Location: https://[::1]:8443/");
	}

	@Test
	void leavesOutTheDefaultHttpsPort() throws IOException {
		this.listener.stop();
		this.listener = new HttpChallengeListener("127.0.0.1", 0, this.responses, () -> 443, "example.org");
		this.listener.start();
		assertThat(request("GET /x HTTP/1.1", "example.org")).contains("Location: https://example.org/x\r\n");
	}

	@Test
	void cutsOffRequestsThatStopHalfWaySoThatTheCaIsStillAnswered() throws Exception {
		this.listener.stop();
		this.listener = new HttpChallengeListener("127.0.0.1", 0, this.responses, () -> 8443, "example.org",
				Duration.ofMillis(500));
		this.listener.start();
		List<Socket> stalled = new ArrayList<>();
		try {
			// Twice as many as the listener has threads: each sends the first byte of a
			// request and nothing more
			for (int i = 0; i < 8; i++) {
				Socket socket = new Socket("127.0.0.1", this.listener.getPort());
				stalled.add(socket);
				OutputStream out = socket.getOutputStream();
				out.write('G');
				out.flush();
			}
			// So that the server takes them before the CA's request
			Thread.sleep(200);
			assertThat(request("GET /.well-known/acme-challenge/known-token HTTP/1.1", "example.org"))
				.startsWith("HTTP/1.1 200")
				.endsWith("\r\n\r\nknown-token.key-thumbprint");
			for (Socket socket : stalled) {
				socket.setSoTimeout(10_000);
				assertThat(socket.getInputStream().read()).as("the end of a connection cut off").isEqualTo(-1);
			}
		}
		finally {
			for (Socket socket : stalled) {
				socket.close();
			}
		}
	}

	private String request(String requestLine, String host) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.listener.getPort())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write((requestLine + "\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
		}
	}

}
