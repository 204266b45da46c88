package io.github.hotcert.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A directory updated exactly as the kubelet's AtomicWriter updates a Secret volume: the
 * files are written to a new {@code ..<timestamp>} directory, a {@code ..data_tmp}
 * symbolic link to it is renamed over {@code ..data}, the visible files are links through
 * {@code ..data}, and the old directory is removed.
 */
public final class KubernetesSecretVolume {

	private static final AtomicInteger versions = new AtomicInteger();

	private final Path directory;

	public KubernetesSecretVolume(Path directory) {
		this.directory = directory;
	}

	public Path directory() {
		return this.directory;
	}

	public Path file(String name) {
		return this.directory.resolve(name);
	}

	public void write(Map<String, byte[]> files) {
		try {
			Files.createDirectories(this.directory);
			Path data = this.directory.resolve("..data");
			Path previous = Files.isSymbolicLink(data) ? this.directory.resolve(Files.readSymbolicLink(data)) : null;
			String version = "..2026_11_21_00_00_00." + versions.incrementAndGet();
			Path versioned = this.directory.resolve(version);
			Files.createDirectory(versioned);
			for (Map.Entry<String, byte[]> entry : files.entrySet()) {
				Files.write(versioned.resolve(entry.getKey()), entry.getValue());
			}
			Path temporary = this.directory.resolve("..data_tmp");
			Files.deleteIfExists(temporary);
			Files.createSymbolicLink(temporary, Path.of(version));
			Files.move(temporary, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			for (String name : files.keySet()) {
				Path visible = this.directory.resolve(name);
				if (!Files.isSymbolicLink(visible)) {
					Files.createSymbolicLink(visible, Path.of("..data").resolve(name));
				}
			}
			if (previous != null && !previous.equals(versioned)) {
				deleteRecursively(previous);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void writeStrings(Map<String, String> files) {
		java.util.LinkedHashMap<String, byte[]> bytes = new java.util.LinkedHashMap<>();
		files.forEach((name, content) -> bytes.put(name, content.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
		write(bytes);
	}

	private static void deleteRecursively(Path path) throws IOException {
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(each);
			}
		}
	}

}
