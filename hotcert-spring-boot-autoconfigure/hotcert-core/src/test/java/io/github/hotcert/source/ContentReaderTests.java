package io.github.hotcert.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ContentReader}.
 */
class ContentReaderTests {

	private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

	private static final String INLINE_PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

	@TempDir
	Path directory;

	private final ContentReader reader = new ContentReader(new DefaultResourceLoader(), DataSize.ofKilobytes(1));

	@Test
	void readsFileWithItsSha256SizeAndLastModifiedTime() throws IOException {
		Path file = this.directory.resolve("tls.crt");
		Files.writeString(file, "abc");
		MaterialContent content = this.reader.read("web", "certificate", location(file));
		assertThat(content.bytes()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
		assertThat(content.sha256()).isEqualTo(ABC_SHA256);
		assertThat(content.lastModified()).isEqualTo(Files.getLastModifiedTime(file).toInstant());
		assertThat(content.location()).isEqualTo(location(file));
		ContentDigest digest = content.digest();
		assertThat(digest.sha256()).isEqualTo(ABC_SHA256);
		assertThat(digest.size()).isEqualTo(3);
		assertThat(digest.lastModified()).isEqualTo(content.lastModified());
	}

	@Test
	void digestChangesWhenAndOnlyWhenTheBytesChange() throws IOException {
		Path file = this.directory.resolve("tls.crt");
		Files.writeString(file, "abc");
		String first = this.reader.read("web", "certificate", location(file)).sha256();
		Files.delete(file);
		Files.writeString(file, "abc");
		assertThat(this.reader.read("web", "certificate", location(file)).sha256()).isEqualTo(first);
		Files.writeString(file, "abd");
		assertThat(this.reader.read("web", "certificate", location(file)).sha256()).isNotEqualTo(first);
	}

	@Test
	void readsFileOfExactlyTheLimit() throws IOException {
		Path file = this.directory.resolve("tls.crt");
		Files.write(file, new byte[1024]);
		assertThat(this.reader.read("web", "certificate", location(file)).bytes()).hasSize(1024);
	}

	@Test
	void refusesFileOneByteAboveTheLimit() throws IOException {
		Path file = this.directory.resolve("tls.crt");
		Files.write(file, new byte[1025]);
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> this.reader.read("web", "certificate", location(file)))
			.withMessage("Unable to load certificate for bundle 'web' from '" + file + "': the file is 1025 bytes "
					+ "or more, larger than the limit of 1024 bytes (hotcert.source.max-file-size)");
	}

	@Test
	void refusesHugeFileWithoutOpeningIt() throws IOException {
		Path file = this.directory.resolve("huge.crt");
		try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
			sparse.setLength(8L * 1024 * 1024 * 1024);
		}
		List<Path> opened = new ArrayList<>();
		ContentReader reader = new ContentReader(new DefaultResourceLoader(), DataSize.ofMegabytes(1), (path) -> {
			opened.add(path);
			return Files.newInputStream(path);
		});
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> reader.read("web", "certificate", location(file)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("the file is 8589934592 bytes or more, larger "
					+ "than the limit of 1048576 bytes (hotcert.source.max-file-size)"));
		assertThat(opened).isEmpty();
	}

	@Test
	void refusesFileThatGrowsAfterItsSizeWasCheckedAfterReadingOneByteMoreThanTheLimit() throws IOException {
		Path file = this.directory.resolve("tls.crt");
		Files.writeString(file, "abc");
		AtomicLong read = new AtomicLong();
		ContentReader reader = new ContentReader(new DefaultResourceLoader(), DataSize.ofKilobytes(1),
				(path) -> new EndlessInputStream(read));
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> reader.read("web", "certificate", location(file)))
			.satisfies((ex) -> assertThat(ex.getReason())
				.isEqualTo("the file is 1025 bytes or more, larger than the limit of 1024 bytes "
						+ "(hotcert.source.max-file-size)"));
		assertThat(read).hasValue(1025);
	}

	@Test
	void refusesDirectory() {
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> this.reader.read("web", "certificate", location(this.directory)))
			.withMessage("Unable to load certificate for bundle 'web' from '" + this.directory
					+ "': the path is a directory, not a file");
	}

	@Test
	void refusesMissingFile() {
		Path file = this.directory.resolve("missing.crt");
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> this.reader.read("web", "private key", location(file)))
			.withMessage("Unable to load private key for bundle 'web' from '" + file + "': the file does not exist")
			.satisfies((ex) -> {
				assertThat(ex.getBundleName()).isEqualTo("web");
				assertThat(ex.getLocation()).isEqualTo(location(file));
				assertThat(ex.getReason()).isEqualTo("the file does not exist");
			});
	}

	@Test
	void refusesDanglingSymbolicLinkNamingItsTarget() throws IOException {
		Path link = this.directory.resolve("tls.crt");
		Files.createSymbolicLink(link, Path.of("..data/tls.crt"));
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> this.reader.read("web", "certificate", location(link)))
			.satisfies((ex) -> assertThat(ex.getReason())
				.isEqualTo("the file is a symbolic link to '..data/tls.crt', which does not exist"));
	}

	@Test
	void readsFileThroughSymbolicLink() throws IOException {
		Path target = this.directory.resolve("real.crt");
		Files.writeString(target, "abc");
		Path link = Files.createSymbolicLink(this.directory.resolve("tls.crt"), target);
		assertThat(this.reader.read("web", "certificate", location(link)).sha256()).isEqualTo(ABC_SHA256);
	}

	@Test
	void reportsFileThatCannotBeOpenedForLackOfPermission() throws IOException {
		Path file = this.directory.resolve("tls.key");
		Files.writeString(file, "abc");
		ContentReader reader = new ContentReader(new DefaultResourceLoader(), DataSize.ofKilobytes(1), (path) -> {
			throw new AccessDeniedException(path.toString());
		});
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> reader.read("web", "private key", location(file)))
			.withMessage("Unable to load private key for bundle 'web' from '" + file
					+ "': the file is not readable (permission denied)")
			.withCauseInstanceOf(AccessDeniedException.class);
	}

	@Test
	void reportsFileDeletedBeforeItIsOpenedAsMissing() throws IOException {
		Path file = this.directory.resolve("tls.crt");
		Files.writeString(file, "abc");
		ContentReader reader = new ContentReader(new DefaultResourceLoader(), DataSize.ofKilobytes(1), (path) -> {
			throw new NoSuchFileException(path.toString());
		});
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> reader.read("web", "certificate", location(file)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("the file does not exist"));
	}

	@Test
	void reportsOtherReadFailureWithItsMessage() throws IOException {
		Path file = this.directory.resolve("tls.crt");
		Files.writeString(file, "abc");
		ContentReader reader = new ContentReader(new DefaultResourceLoader(), DataSize.ofKilobytes(1), (path) -> {
			throw new IOException("Input/output error");
		});
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> reader.read("web", "certificate", location(file)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("the file cannot be read: Input/output error"));
	}

	@Test
	void readsInlinePemContent() {
		MaterialLocation location = new MaterialLocation("spring.ssl.bundle.pem.web.keystore.certificate", INLINE_PEM,
				null);
		MaterialContent content = this.reader.read("web", "certificate", location);
		assertThat(content.text()).isEqualTo(INLINE_PEM);
		assertThat(content.sha256()).isEqualTo(Sha256.hex(INLINE_PEM.getBytes(StandardCharsets.UTF_8)));
		assertThat(content.lastModified()).isNull();
		assertThat(location.describe()).isEqualTo("property spring.ssl.bundle.pem.web.keystore.certificate");
	}

	@Test
	void readsClassPathResource() throws IOException {
		Files.createDirectories(this.directory.resolve("certs"));
		Files.writeString(this.directory.resolve("certs/tls.crt"), "abc");
		MaterialContent content = classPathReader(DataSize.ofKilobytes(1)).read("web", "certificate",
				new MaterialLocation("server.ssl.certificate", "classpath:certs/tls.crt", null));
		assertThat(content.sha256()).isEqualTo(ABC_SHA256);
		assertThat(content.lastModified()).isNull();
	}

	@Test
	void refusesMissingClassPathResource() throws IOException {
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> classPathReader(DataSize.ofKilobytes(1)).read("web", "certificate",
					new MaterialLocation("server.ssl.certificate", "classpath:certs/missing.crt", null)))
			.withMessage("Unable to load certificate for bundle 'web' from 'property server.ssl.certificate': "
					+ "the resource does not exist");
	}

	@Test
	void refusesClassPathResourceAboveTheLimit() throws IOException {
		Files.createDirectories(this.directory.resolve("certs"));
		Files.write(this.directory.resolve("certs/tls.crt"), new byte[2048]);
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> classPathReader(DataSize.ofKilobytes(1)).read("web", "certificate",
					new MaterialLocation("server.ssl.certificate", "classpath:certs/tls.crt", null)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("the file is 1025 bytes or more, larger than "
					+ "the limit of 1024 bytes (hotcert.source.max-file-size)"));
	}

	@Test
	void requiresPositiveLimit() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ContentReader(new DefaultResourceLoader(), DataSize.ofBytes(0)))
			.withMessage("'maxSize' must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> new ContentReader(new DefaultResourceLoader(), null))
			.withMessage("'maxSize' must be positive");
	}

	private ResourceLoader classPathLoader() throws IOException {
		return new DefaultResourceLoader(new URLClassLoader(new URL[] { this.directory.toUri().toURL() }, null));
	}

	private ContentReader classPathReader(DataSize maxSize) throws IOException {
		return new ContentReader(classPathLoader(), maxSize);
	}

	private static MaterialLocation location(Path file) {
		return new MaterialLocation("spring.ssl.bundle.pem.web.keystore.certificate", file.toString(), file);
	}

	/**
	 * A stream that never ends, counting what is read from it.
	 */
	private static final class EndlessInputStream extends InputStream {

		private final AtomicLong read;

		EndlessInputStream(AtomicLong read) {
			this.read = read;
		}

		@Override
		public int read() {
			this.read.incrementAndGet();
			return 'a';
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			Arrays.fill(buffer, offset, offset + length, (byte) 'a');
			this.read.addAndGet(length);
			return length;
		}

	}

}
