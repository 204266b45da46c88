package io.github.hotcert.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.hotcert.testsupport.TestCertificates.Issued;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Debian's {@code redis-server} on a loopback port, with TLS only, that requires a client
 * certificate from the CA the test gives it. It can be restarted on the same port with
 * another client CA, which closes every client connection. Tests that use it are skipped
 * when {@code redis-server} is not installed, and fail instead on CI ({@code CI=true}).
 */
public final class RedisServer implements AutoCloseable {

	private final Path executable;

	private final Path directory;

	private final int port;

	private Process process;

	private RedisServer(Path executable, Path directory, int port) {
		this.executable = executable;
		this.directory = directory;
		this.port = port;
	}

	/**
	 * Start a server.
	 * @param directory where its certificate, key and client CA files are written
	 * @param certificate the certificate it serves
	 * @param clientAuthority the CA whose client certificates it accepts
	 * @return the server
	 */
	public static RedisServer start(Path directory, Issued certificate, Issued clientAuthority) {
		Path executable = executable();
		RedisServer server = new RedisServer(executable, directory, FreePorts.next());
		server.start(certificate, clientAuthority);
		return server;
	}

	/**
	 * Stop the server and start it again on the same port, accepting client certificates
	 * of another CA only.
	 * @param certificate the certificate it serves
	 * @param clientAuthority the CA whose client certificates it accepts
	 */
	public void restart(Issued certificate, Issued clientAuthority) {
		stop();
		start(certificate, clientAuthority);
	}

	/**
	 * Return the TLS port of the server.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	private void start(Issued certificate, Issued clientAuthority) {
		try {
			Path certificateFile = this.directory.resolve("redis.crt");
			Path keyFile = this.directory.resolve("redis.key");
			Path clientAuthorityFile = this.directory.resolve("client-ca.crt");
			Files.writeString(certificateFile, PemFiles.certificates(certificate.chain()));
			Files.writeString(keyFile, PemFiles.pkcs8(certificate.keyPair().getPrivate()));
			Files.writeString(clientAuthorityFile, PemFiles.certificate(clientAuthority.certificate()));
			this.process = new ProcessBuilder(List.of(this.executable.toString(), "--port", "0", "--tls-port",
					String.valueOf(this.port), "--bind", "127.0.0.1", "--tls-cert-file", certificateFile.toString(),
					"--tls-key-file", keyFile.toString(), "--tls-ca-cert-file", clientAuthorityFile.toString(),
					"--tls-auth-clients", "yes", "--save", "", "--appendonly", "no", "--dir",
					this.directory.toString()))
				.redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("redis.log").toFile())
				.start();
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(20))
				.ignoreExceptions()
				.until(this::accepts);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private boolean accepts() throws IOException {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("redis-server exited with " + this.process.exitValue() + ", see "
					+ this.directory.resolve("redis.log"));
		}
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			return true;
		}
	}

	private void stop() {
		if (this.process != null) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	private static Path executable() {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "redis-server");
			if (!directory.isEmpty() && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		String message = "redis-server is not installed (Debian: apt-get install redis-server)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail(message + "; it is required on CI");
		}
		Assumptions.abort(message + ": skipping the test against a real Redis");
		return null;
	}

}
