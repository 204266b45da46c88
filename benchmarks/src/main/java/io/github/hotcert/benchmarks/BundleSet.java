package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import io.github.hotcert.benchmarks.CertificateAuthority.Material;

/**
 * Many SSL bundles besides {@code web}, each read from a Kubernetes-style volume of its
 * own: {@code b1} to {@code bN}, either the bundles of SNI host names {@code h1.example}
 * to {@code hN.example} ({@code server.ssl.server-name-bundles}) or plain bundles that no
 * server uses. Their properties are written to a file the application imports.
 */
final class BundleSet {

	private final Path directory;

	private final int size;

	private final boolean serverNames;

	private final List<SecretVolume> volumes = new ArrayList<>();

	private final List<BigInteger> serials = new ArrayList<>();

	/**
	 * Write the bundles and the file of their properties.
	 * @param directory where the volumes and the properties go
	 * @param size how many bundles
	 * @param serverNames whether each bundle is the bundle of an SNI host name
	 * @param authority issues the first certificate of each bundle
	 */
	BundleSet(Path directory, int size, boolean serverNames, CertificateAuthority authority) {
		this.directory = directory;
		this.size = size;
		this.serverNames = serverNames;
		StringBuilder properties = new StringBuilder();
		for (int i = 1; i <= size; i++) {
			SecretVolume volume = new SecretVolume(directory.resolve("b" + i));
			this.volumes.add(volume);
			this.serials.add(null);
			properties.append("spring.ssl.bundle.pem.b" + i + ".keystore.certificate=" + volume.file("tls.crt"))
				.append('\n')
				.append("spring.ssl.bundle.pem.b" + i + ".keystore.private-key=" + volume.file("tls.key"))
				.append('\n');
			if (serverNames) {
				properties.append("server.ssl.server-name-bundles[" + (i - 1) + "].server-name=" + serverName(i))
					.append('\n')
					.append("server.ssl.server-name-bundles[" + (i - 1) + "].bundle=b" + i)
					.append('\n');
			}
		}
		rotateAll(authority);
		try {
			Files.createDirectories(directory);
			Files.writeString(directory.resolve("bundles.properties"), properties);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the arguments that make the application import the bundles.
	 * @return the arguments
	 */
	List<String> arguments() {
		return List.of("--spring.config.import=file:" + this.directory.resolve("bundles.properties"));
	}

	int size() {
		return this.size;
	}

	boolean serverNames() {
		return this.serverNames;
	}

	static String serverName(int bundle) {
		return "h" + bundle + ".example";
	}

	/**
	 * Rotate one bundle.
	 * @param bundle the bundle, 1 to the size
	 * @param material the new material
	 * @return the {@link System#nanoTime()} of the swap
	 */
	long rotate(int bundle, Material material) {
		this.serials.set(bundle - 1, material.serial());
		return this.volumes.get(bundle - 1).write(material);
	}

	/**
	 * Rotate every bundle, with certificates that share one new key.
	 * @param authority the authority
	 * @return the {@link System#nanoTime()} of the first swap
	 */
	long rotateAll(CertificateAuthority authority) {
		KeyPair keys = authority.newKeyPair();
		List<Material> materials = new ArrayList<>();
		for (int i = 0; i < this.size; i++) {
			materials.add(authority.issue(keys));
		}
		long first = System.nanoTime();
		for (int i = 1; i <= this.size; i++) {
			long swapped = rotate(i, materials.get(i - 1));
			first = (i == 1) ? swapped : first;
		}
		return first;
	}

	/**
	 * Return the serial number of the certificate last written to a bundle.
	 * @param bundle the bundle, 1 to the size
	 * @return the serial number
	 */
	BigInteger serial(int bundle) {
		return this.serials.get(bundle - 1);
	}

}
