package io.github.hotcert.source;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.SpecialFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestMaterial;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Paths that are not regular files where a bundle expects its certificate or its key: a
 * named pipe nobody writes to, a device, a socket, a directory, a symbolic link loop.
 * Each is refused with a reason that says what the path is, without being opened, so that
 * no read blocks or runs unbounded. A hung read would fail the test by its timeout.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FileTypeTests {

	private static final TestCertificates certificates = TestCertificates.now();

	@TempDir
	Path directory;

	private Issued issued;

	@BeforeEach
	void write() throws IOException {
		this.issued = certificates.issue(certificates.leaf("web"), certificates.authority("Test CA"));
		Files.writeString(certificateFile(), PemFiles.certificates(this.issued.chain()));
		Files.writeString(keyFile(), PemFiles.pkcs8(this.issued.keyPair().getPrivate()));
	}

	@Test
	void refusesNamedPipeAsTheKeyWithoutOpeningIt() throws IOException {
		Files.delete(keyFile());
		SpecialFiles.namedPipe(keyFile());
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(() -> source().load())
			.withMessage("Unable to load private key for bundle 'web' from '" + keyFile()
					+ "': the path is a named pipe (FIFO), not a regular file");
	}

	@Test
	void refusesNamedPipeWhenOnlyItsDigestIsAskedFor() throws IOException {
		Files.delete(keyFile());
		SpecialFiles.namedPipe(keyFile());
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(() -> source().digest())
			.satisfies((ex) -> assertThat(ex.getReason())
				.isEqualTo("the path is a named pipe (FIFO), not a regular file"));
	}

	@Test
	void refusesLinkToACharacterDeviceWithoutReadingIt() throws IOException {
		Files.delete(certificateFile());
		Files.createSymbolicLink(certificateFile(), SpecialFiles.ZERO);
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(() -> source().load())
			.withMessage("Unable to load certificate for bundle 'web' from '" + certificateFile()
					+ "': the path is a character device, not a regular file (it resolves to '/dev/zero')");
	}

	@Test
	void refusesSocket() throws IOException {
		Files.delete(keyFile());
		try (ServerSocketChannel socket = SpecialFiles.socket(keyFile())) {
			assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(() -> source().load())
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("the path is a socket, not a regular file"));
		}
	}

	@Test
	void refusesDirectoryReachedThroughALinkNamingWhereItResolves() throws IOException {
		Path elsewhere = Files.createDirectory(this.directory.resolve("elsewhere"));
		Files.delete(certificateFile());
		Files.createSymbolicLink(certificateFile(), elsewhere);
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(() -> source().load())
			.satisfies((ex) -> assertThat(ex.getReason())
				.isEqualTo("the path is a directory, not a file (it resolves to '" + elsewhere + "')"));
	}

	@Test
	void refusesSymbolicLinkLoopAsALoop() throws IOException {
		Files.delete(certificateFile());
		Files.createSymbolicLink(certificateFile(), Path.of("tls.crt.other"));
		Files.createSymbolicLink(this.directory.resolve("tls.crt.other"), Path.of("tls.crt"));
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(() -> source().load())
			.withMessage("Unable to load certificate for bundle 'web' from '" + certificateFile()
					+ "': the file is a symbolic link loop");
	}

	@Test
	void refusesPathThroughADirectoryLinkLoop() throws IOException {
		Files.createSymbolicLink(this.directory.resolve("current"), Path.of("previous"));
		Files.createSymbolicLink(this.directory.resolve("previous"), Path.of("current"));
		Path certificate = this.directory.resolve("current").resolve("tls.crt");
		StoreSource keyStore = StoreSource.pem(null, TestMaterial.location("keystore.certificate", certificate),
				TestMaterial.location("keystore.private-key", keyFile()), null);
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> new MaterialSource("web", reader(), keyStore, null, null, null, null).load())
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("the path goes through a symbolic link loop"));
	}

	@Test
	void refusesGrowingContentOfADeviceReadAsAFileAfterTheLimit() throws IOException {
		// /dev/zero as a file name the reader cannot tell from a regular file: the limit
		// still ends the read one byte above it
		ContentReader reader = new ContentReader(new DefaultResourceLoader(), DataSize.ofKilobytes(1),
				(path) -> Files.newInputStream(SpecialFiles.ZERO));
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> reader.read("web", "certificate",
					TestMaterial.location("keystore.certificate", certificateFile())))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(
					"the file is 1025 bytes or more, larger than the limit of 1024 bytes (hotcert.source.max-file-size)"));
	}

	@Test
	void readsRegularFilesThroughLinks() throws IOException {
		Path real = Files.createDirectory(this.directory.resolve("real"));
		Files.move(certificateFile(), real.resolve("tls.crt"));
		Files.createSymbolicLink(certificateFile(), Path.of("real", "tls.crt"));
		LoadedMaterial material = source().load();
		assertThat(material.getKey().leaf()).isEqualTo(this.issued.certificate());
		assertThat(material.getContents()).extracting(ContentDigest::location)
			.extracting(MaterialLocation::path)
			.isEqualTo(List.of(certificateFile(), keyFile()));
	}

	private MaterialSource source() {
		StoreSource keyStore = StoreSource.pem(null, TestMaterial.location("keystore.certificate", certificateFile()),
				TestMaterial.location("keystore.private-key", keyFile()), null);
		return new MaterialSource("web", reader(), keyStore, null, null, null, null);
	}

	private static ContentReader reader() {
		return TestMaterial.reader();
	}

	private Path certificateFile() {
		return this.directory.resolve("tls.crt");
	}

	private Path keyFile() {
		return this.directory.resolve("tls.key");
	}

}
