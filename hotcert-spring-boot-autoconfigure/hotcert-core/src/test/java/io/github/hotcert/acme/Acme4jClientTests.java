package io.github.hotcert.acme;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link Acme4jClient} against a CA that breaks off its answer.
 */
class Acme4jClientTests {

	@TempDir
	Path directory;

	private ServerSocket server;

	private Thread serving;

	@BeforeEach
	void startCaThatBreaksOffItsAnswers() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.serving = new Thread(this::breakOffAnswers, "broken-ca");
		this.serving.setDaemon(true);
		this.serving.start();
	}

	@AfterEach
	void stopCa() throws Exception {
		this.server.close();
		this.serving.join(10_000);
	}

	@Test
	void aConnectionBrokenHalfwayThroughAnAnswerIsAFailureToReachTheCa() throws Exception {
		Acme4jClient client = client();
		AcmeFailure failure = catchThrowableOfType(AcmeFailure.class, () -> client.renewalWindow(null));
		assertThat(failure).as("the failure of a call whose answer broke off").isNotNull();
		assertThat(failure.getReason()).isEqualTo("unreachable");
		assertThat(failure.getMessage()).contains("the CA cannot be reached");
	}

	private Acme4jClient client() {
		AcmeBundleSettings defaults = TestAcmeBundles.settings("web", this.directory.resolve("storage"));
		URI directoryUrl = URI.create("http://127.0.0.1:%d/directory".formatted(this.server.getLocalPort()));
		AcmeBundleSettings settings = new AcmeBundleSettings("web", directoryUrl, List.of("web.example"), null,
				defaults.storage(), ChallengeType.HTTP_01, null, 80, null, null, AcmeKeyType.EC_P256, null, null,
				1.0 / 3, false, Duration.ofMinutes(5), defaults.retry(), defaults.lockTimeout());
		return new Acme4jClient(settings, new AcmeStorage(this.directory.resolve("storage")), () -> null, null,
				Clock.systemUTC());
	}

	/**
	 * Answer every request with the headers of a JSON document and the start of its body,
	 * then close the connection.
	 */
	private void breakOffAnswers() {
		while (!this.server.isClosed()) {
			try (Socket socket = this.server.accept()) {
				InputStream request = socket.getInputStream();
				byte[] buffer = new byte[8192];
				StringBuilder headers = new StringBuilder();
				while (!headers.toString().contains("\r\n\r\n")) {
					int read = request.read(buffer);
					if (read < 0) {
						break;
					}
					headers.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
				}
				OutputStream response = socket.getOutputStream();
				response.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
						+ "{\"newNonce\": \"http://127.0.0.1/")
					.getBytes(StandardCharsets.ISO_8859_1));
				response.flush();
			}
			catch (IOException ex) {
				// Closed
			}
		}
	}

}
