package io.github.hotcert.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A directory updated the way the kubelet updates a Secret volume, step by step as
 * Kubernetes' {@code AtomicWriter} does it: each version of the files is written to a new
 * timestamped directory ({@code ..2026_11_21_10_00_00.123}), a {@code ..data_tmp} link to
 * it is created and renamed over the {@code ..data} link (the one atomic step), then the
 * visible names ({@code tls.crt -> ..data/tls.crt}) are created when missing, names no
 * longer in the Secret are removed, and the previous timestamped directory is deleted.
 */
final class KubernetesSecretVolume {

	private static final String DATA = "..data";

	private static final String DATA_TMP = "..data_tmp";

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss.")
		.withZone(ZoneOffset.UTC);

	private final Path directory;

	private final Clock clock;

	/**
	 * Create a volume in an existing directory.
	 * @param directory the directory, mounted into the container
	 * @param clock the clock that names the timestamped directories
	 */
	KubernetesSecretVolume(Path directory, Clock clock) {
		this.directory = directory;
		this.clock = clock;
	}

	/**
	 * Return the directory of the volume, where the visible names are.
	 * @return the directory
	 */
	Path directory() {
		return this.directory;
	}

	/**
	 * Make the given files the content of the volume, as one atomic update.
	 * @param files the content of each file, by name (no directories)
	 * @return the {@link System#nanoTime()} when the new files became visible (the
	 * {@code ..data} link was replaced)
	 * @throws IOException if the volume cannot be written
	 */
	long write(Map<String, byte[]> files) throws IOException {
		Path data = this.directory.resolve(DATA);
		Path previous = Files.isSymbolicLink(data) ? this.directory.resolve(Files.readSymbolicLink(data)) : null;
		List<String> removed = (previous != null) ? namesIn(previous) : new ArrayList<>();
		removed.removeAll(files.keySet());
		Path timestamped = Files.createTempDirectory(this.directory, TIMESTAMP.format(this.clock.instant()));
		Files.setPosixFilePermissions(timestamped, PosixFilePermissions.fromString("rwxr-xr-x"));
		for (Map.Entry<String, byte[]> file : files.entrySet()) {
			Path written = Files.write(timestamped.resolve(file.getKey()), file.getValue());
			Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-r--r--"));
		}
		Path dataTmp = Files.createSymbolicLink(this.directory.resolve(DATA_TMP), timestamped.getFileName());
		Files.move(dataTmp, data, StandardCopyOption.ATOMIC_MOVE);
		long swapped = System.nanoTime();
		for (String name : files.keySet()) {
			Path visible = this.directory.resolve(name);
			if (!Files.exists(visible, LinkOption.NOFOLLOW_LINKS)) {
				Files.createSymbolicLink(visible, Path.of(DATA, name));
			}
		}
		for (String name : removed) {
			Files.deleteIfExists(this.directory.resolve(name));
		}
		if (previous != null) {
			deleteRecursively(previous);
		}
		return swapped;
	}

	private static List<String> namesIn(Path directory) throws IOException {
		try (Stream<Path> entries = Files.list(directory)) {
			return new ArrayList<>(entries.map((entry) -> entry.getFileName().toString()).toList());
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		try (Stream<Path> entries = Files.walk(directory)) {
			for (Path entry : entries.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(entry);
			}
		}
	}

}
