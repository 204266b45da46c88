package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import io.github.hotcert.benchmarks.CertificateAuthority.Material;

/**
 * A running sample application and the Kubernetes-style volume its certificate files are
 * in.
 */
final class Deployment implements AutoCloseable {

	private static final Duration PROBE_INTERVAL = Duration.ofMillis(10);

	/**
	 * How many full handshakes bring the TLS code of a server and of the probe to what it
	 * is in a server in service, compiled by the JIT, before a latency is measured: after
	 * 20, a handshake of the probe took a median of 21 ms on 2 cores (12 ms after 500),
	 * and that time was counted in every rotation. The reload path itself is not warmed:
	 * it runs only when a certificate changes.
	 */
	static final int IN_SERVICE_HANDSHAKES = 500;

	private final SampleApp app;

	private final CertificateFiles files;

	private final CertificateAuthority authority;

	private final TlsClient client;

	private final Path home;

	private Deployment(SampleApp app, CertificateFiles files, CertificateAuthority authority, TlsClient client,
			Path home) {
		this.home = home;
		this.app = app;
		this.files = files;
		this.authority = authority;
		this.client = client;
	}

	/**
	 * Write a first certificate and start an application that serves it as bundle
	 * {@code web}.
	 * @param variant the application
	 * @param files the files of bundle {@code web}
	 * @param arguments more arguments
	 * @param home the directory of the deployment
	 * @param authority the authority that issues the certificates
	 * @param client the client
	 * @return the running deployment
	 * @throws IOException if the application does not start
	 */
	static Deployment start(Variant variant, CertificateFiles files, List<String> arguments, Path home,
			CertificateAuthority authority, TlsClient client) throws IOException {
		files.write(authority.issue());
		List<String> all = new ArrayList<>(files.arguments());
		all.addAll(arguments);
		SampleApp app = SampleApp.start(variant, all, home.resolve("work"), home.resolve("application.log"));
		return new Deployment(app, files, authority, client, home);
	}

	SampleApp app() {
		return this.app;
	}

	/**
	 * Return the name of the bundle the web server serves.
	 * @return the bundle name
	 */
	String bundle() {
		return this.files.bundle();
	}

	TlsClient client() {
		return this.client;
	}

	Path home() {
		return this.home;
	}

	int httpsPort() {
		return this.app.httpsPort();
	}

	Management management() {
		return new Management(this.app.managementPort());
	}

	/**
	 * Write new material to the volume.
	 * @param material the certificate and key to write
	 * @return the {@link System#nanoTime()} at which the change became visible
	 */
	long write(Material material) {
		return this.files.write(material);
	}

	/**
	 * Rotate to a newly issued certificate.
	 * @return the new material and when it became visible
	 */
	Rotation rotate() {
		return rotate(this.authority.issue());
	}

	/**
	 * Rotate to material issued beforehand.
	 * @param material the new material
	 * @return the new material and when it became visible
	 */
	Rotation rotate(Material material) {
		return new Rotation(material, write(material));
	}

	/**
	 * Wait until hotcert watches the files and has validated the startup material, which
	 * it does {@code hotcert.startup.delay} after the application started, then make full
	 * handshakes, to warm up both the client and the server: what follows is measured on
	 * an application in service.
	 * @param handshakes how many
	 * @throws IOException if a handshake fails, or hotcert did not validate in time
	 */
	void warmUp(int handshakes) throws IOException {
		if (this.app.variant().runsHotcert()) {
			this.app.awaitValidated(Duration.ofMinutes(5));
		}
		for (int i = 0; i < handshakes; i++) {
			this.client.handshake(httpsPort());
		}
	}

	/**
	 * Make new connections, pausing 10 ms after each, until the server presents a
	 * certificate.
	 * @param serial the serial number of the awaited certificate
	 * @param timeout how long to try
	 * @return the {@link System#nanoTime()} when the first handshake that presented it
	 * was complete, or empty if it was not presented in time
	 */
	OptionalLong awaitServed(BigInteger serial, Duration timeout) {
		return awaitServed(null, serial, timeout);
	}

	/**
	 * Make new connections for a host name, pausing 10 ms after each, until the server
	 * presents a certificate.
	 * @param serverName the SNI host name, or {@code null}
	 * @param serial the serial number of the awaited certificate
	 * @param timeout how long to try
	 * @return the {@link System#nanoTime()} when the first handshake that presented it
	 * was complete, or empty if it was not presented in time
	 */
	OptionalLong awaitServed(String serverName, BigInteger serial, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (serial.equals(this.client.servedSerial(httpsPort(), serverName))) {
					return OptionalLong.of(System.nanoTime());
				}
			}
			catch (IOException ex) {
				// Keep trying until the deadline: the caller decides what a timeout means
			}
			Workbench.pause(PROBE_INTERVAL);
		}
		return OptionalLong.empty();
	}

	/**
	 * Keep measurements next to the application's log, to compare them with it.
	 * @param name the file name
	 * @param lines the lines to write
	 */
	void keep(String name, List<String> lines) {
		try {
			Files.write(this.home.resolve(name), lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.app.close();
	}

	/**
	 * A rotation: the material written and when it became visible.
	 *
	 * @param material the new material
	 * @param swappedNanos the {@link System#nanoTime()} at which the change was complete
	 * (for a Kubernetes volume: just before {@code ..data} was swapped)
	 */
	record Rotation(Material material, long swappedNanos) {

		/**
		 * When the change became visible, on the wall clock (to compare with the
		 * application's log).
		 * @return the instant of the swap
		 */
		Instant swappedAt() {
			return Instant.now().minusNanos(System.nanoTime() - this.swappedNanos);
		}

	}

}
