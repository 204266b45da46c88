package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.github.hotcert.benchmarks.CertificateAuthority.Material;

/**
 * A directory updated the way the kubelet updates a Secret volume: the files are written
 * to a new {@code ..<timestamp>} directory, a {@code ..data_tmp} link to it is renamed
 * over {@code ..data}, the visible files are links through {@code ..data}, and the old
 * directory is deleted.
 */
final class SecretVolume implements CertificateFiles {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss",
			Locale.ROOT);

	private final Path directory;

	private int versions;

	SecretVolume(Path directory) {
		this.directory = directory;
	}

	Path file(String name) {
		return this.directory.resolve(name);
	}

	@Override
	public List<String> arguments() {
		return List.of("--spring.ssl.bundle.pem.web.keystore.certificate=" + file("tls.crt"),
				"--spring.ssl.bundle.pem.web.keystore.private-key=" + file("tls.key"));
	}

	@Override
	public long write(Material material) {
		return write(material.files());
	}

	/**
	 * Write new content for the volume's files.
	 * @param files the content of each file, by name
	 * @return the {@link System#nanoTime()} just before {@code ..data} was swapped: the
	 * moment the change became visible
	 */
	long write(Map<String, byte[]> files) {
		try {
			Files.createDirectories(this.directory);
			Path data = this.directory.resolve("..data");
			Path previous = Files.isSymbolicLink(data) ? this.directory.resolve(Files.readSymbolicLink(data)) : null;
			String version = LocalDateTime.now().format(TIMESTAMP) + "." + (++this.versions);
			Path versioned = Files.createDirectory(this.directory.resolve(version));
			for (Map.Entry<String, byte[]> entry : files.entrySet()) {
				Files.write(versioned.resolve(entry.getKey()), entry.getValue());
			}
			Path temporary = this.directory.resolve("..data_tmp");
			Files.deleteIfExists(temporary);
			Files.createSymbolicLink(temporary, Path.of(version));
			long swapped = System.nanoTime();
			Files.move(temporary, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			for (String name : files.keySet()) {
				Path visible = this.directory.resolve(name);
				if (!Files.isSymbolicLink(visible)) {
					Files.createSymbolicLink(visible, Path.of("..data").resolve(name));
				}
			}
			if (previous != null) {
				deleteRecursively(previous);
			}
			return swapped;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Unable to update the volume " + this.directory, ex);
		}
	}

	private static void deleteRecursively(Path path) throws IOException {
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(each);
			}
		}
	}

}
