package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.hotcert.benchmarks.CertificateAuthority.Material;

/**
 * Certificate files changed the ways other than a Kubernetes volume changes them: a key
 * store renamed into place (one file, atomic), and a certificate and a key changed one
 * after the other (not atomic): renamed into place one at a time, links flipped the way
 * certbot renews, or written in place.
 */
final class ChangedFiles implements CertificateFiles {

	static final String KEY_STORE_PASSWORD = "benchmark";

	private final Kind kind;

	private final Path directory;

	private int versions;

	ChangedFiles(Kind kind, Path directory) {
		this.kind = kind;
		this.directory = directory;
	}

	/**
	 * Return the arguments of the served bundle. The sample application configures a PEM
	 * bundle named {@code web}: a key store is served as another bundle, {@code store},
	 * while {@code web} reads the first certificate in PEM.
	 */
	@Override
	public List<String> arguments() {
		Path files = (this.kind == Kind.CERTBOT) ? this.directory.resolve("live") : this.directory;
		List<String> arguments = new ArrayList<>(
				List.of("--spring.ssl.bundle.pem.web.keystore.certificate=" + files.resolve("fullchain.pem"),
						"--spring.ssl.bundle.pem.web.keystore.private-key=" + files.resolve("privkey.pem")));
		if (this.kind == Kind.KEY_STORE) {
			String prefix = "--spring.ssl.bundle.jks.store.keystore.";
			arguments.addAll(List.of(prefix + "location=file:" + this.directory.resolve("server.p12"),
					prefix + "password=" + KEY_STORE_PASSWORD, prefix + "type=PKCS12", "--server.ssl.bundle=store"));
		}
		return arguments;
	}

	@Override
	public String bundle() {
		return (this.kind == Kind.KEY_STORE) ? "store" : "web";
	}

	@Override
	public long write(Material material) {
		try {
			Files.createDirectories(this.directory);
			int version = ++this.versions;
			byte[] certificate = material.certificatePem().getBytes(StandardCharsets.US_ASCII);
			byte[] key = material.privateKeyPem().getBytes(StandardCharsets.US_ASCII);
			switch (this.kind) {
				case KEY_STORE -> {
					if (version == 1) {
						Files.write(this.directory.resolve("privkey.pem"), key);
						Files.write(this.directory.resolve("fullchain.pem"), certificate);
					}
					replace(this.directory.resolve("server.p12"), material.pkcs12(KEY_STORE_PASSWORD));
				}
				case TWO_FILES -> {
					replace(this.directory.resolve("privkey.pem"), key);
					if (version > 1) {
						Workbench.pause(this.kind.gap());
					}
					replace(this.directory.resolve("fullchain.pem"), certificate);
				}
				case CERTBOT -> renew(version, certificate, key);
				case IN_PLACE -> {
					Files.write(this.directory.resolve("privkey.pem"), key);
					Files.write(this.directory.resolve("fullchain.pem"), certificate);
				}
			}
			return System.nanoTime();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Unable to write to " + this.directory, ex);
		}
	}

	/**
	 * Renew the way certbot does: new files in {@code archive}, then each link of
	 * {@code live} removed and created again, the key before the full chain.
	 */
	private void renew(int version, byte[] certificate, byte[] key) throws IOException {
		Path archive = Files.createDirectories(this.directory.resolve("archive"));
		Path live = Files.createDirectories(this.directory.resolve("live"));
		Files.write(archive.resolve("cert" + version + ".pem"), certificate);
		Files.write(archive.resolve("privkey" + version + ".pem"), key);
		Files.write(archive.resolve("fullchain" + version + ".pem"), certificate);
		for (String name : List.of("cert", "privkey", "fullchain")) {
			Path link = live.resolve(name + ".pem");
			Files.deleteIfExists(link);
			Files.createSymbolicLink(link, Path.of("..", "archive", name + version + ".pem"));
		}
	}

	private static void replace(Path file, byte[] content) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.write(temporary, content);
		Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	/**
	 * A way of changing the files.
	 */
	enum Kind {

		/**
		 * One PKCS#12 key store, written to a temporary file and renamed into place.
		 */
		KEY_STORE("A PKCS#12 key store renamed into place (one file: atomic)", Duration.ZERO),

		/**
		 * The key, then the certificate, each renamed into place, 300 ms apart: the key
		 * does not match the certificate in between.
		 */
		TWO_FILES("The key, then the certificate 300 ms later, each renamed into place (not atomic)",
				Duration.ofMillis(300)),

		/**
		 * The links of certbot's {@code live} directory removed and created again one at
		 * a time, the key before the full chain.
		 */
		CERTBOT("certbot's renewal: the `live/` links removed and created one at a time (not atomic)", Duration.ZERO),

		/**
		 * The key, then the certificate, truncated and written in place.
		 */
		IN_PLACE("The key, then the certificate, truncated and written in place (not atomic)", Duration.ZERO);

		private final String description;

		private final Duration gap;

		Kind(String description, Duration gap) {
			this.description = description;
			this.gap = gap;
		}

		String description() {
			return this.description;
		}

		Duration gap() {
			return this.gap;
		}

		boolean atomic() {
			return this == KEY_STORE;
		}

	}

}
