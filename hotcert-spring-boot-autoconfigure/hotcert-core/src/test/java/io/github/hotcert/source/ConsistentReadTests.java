package io.github.hotcert.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import io.github.hotcert.testsupport.KubernetesSecretVolume;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestMaterial;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The files of one bundle are read from one state of their directories: a Kubernetes
 * Secret swapped between the read of the certificate and the read of the key gives the
 * old pair or the new pair, never the certificate of one and the key of the other. The
 * swap is made by the reader itself, right after it opened one file, so that it falls
 * between the reads every time.
 */
class ConsistentReadTests {

	private static final TestCertificates certificates = TestCertificates.now();

	@TempDir
	Path temp;

	private Issued first;

	private Issued second;

	private KubernetesSecretVolume volume;

	@BeforeEach
	void writeSecret() {
		Issued authority = certificates.authority("Test CA");
		this.first = certificates.issue(certificates.leaf("first"), authority);
		this.second = certificates.issue(certificates.leaf("second"), authority);
		this.volume = new KubernetesSecretVolume(this.temp.resolve("secret"));
		this.volume.write(secret(this.first));
	}

	@Test
	void secretSwappedAfterTheCertificateWasReadGivesTheNewPair() {
		LoadedMaterial material = load(afterOpening("tls.crt", () -> this.volume.write(secret(this.second))));
		assertPair(material, this.second);
	}

	@Test
	void secretSwappedAfterTheKeyWasReadGivesTheNewPair() {
		LoadedMaterial material = load(afterOpening("tls.key", () -> this.volume.write(secret(this.second))));
		assertPair(material, this.second);
	}

	@Test
	void secretSwappedWhileTheOldVersionStaysGivesOnePairOfTheSameVersion() {
		LoadedMaterial material = load(afterOpening("tls.crt", () -> swapKeepingTheOldVersion(this.second)));
		assertPair(material, this.second);
	}

	@Test
	void secretThatKeepsChangingUnderEveryReadStillGivesOnePair() {
		List<Issued> pairs = List.of(this.second, this.first);
		int[] swaps = { 0 };
		LoadedMaterial material = load(
				afterEveryOpening("tls.crt", () -> swapKeepingTheOldVersion(pairs.get(swaps[0]++ % pairs.size()))));
		assertThat(swaps[0]).isEqualTo(ContentReader.MAX_ATTEMPTS);
		assertThat(material.getKey().leaf()).isIn(this.first.certificate(), this.second.certificate());
		assertPair(material, material.getKey().leaf().equals(this.first.certificate()) ? this.first : this.second);
	}

	@Test
	void secretSwappedUnderTwentyReadsInARowGivesThePairOfTheLastSwap() {
		List<Issued> pairs = List.of(this.second, this.first);
		int[] swaps = { 0 };
		LoadedMaterial material = load(afterEveryOpening("tls.crt", () -> {
			if (swaps[0] < 20) {
				this.volume.write(secret(pairs.get(swaps[0]++ % pairs.size())));
			}
		}));
		assertThat(swaps[0]).isEqualTo(20);
		assertPair(material, pairs.get(19 % pairs.size()));
	}

	@Test
	void secretThatKeepsChangingUnderEveryReadIsRejectedForChanging() {
		List<Issued> pairs = List.of(this.second, this.first);
		int[] swaps = { 0 };
		assertThatExceptionOfType(MaterialLoadException.class)
			.isThrownBy(() -> load(afterEveryOpening("tls.crt",
					() -> this.volume.write(secret(pairs.get(swaps[0]++ % pairs.size()))))))
			.withMessageContaining("from '%s'".formatted(this.volume.file("tls.key")))
			.withMessageEndingWith(": the files kept changing while they were read (%d times), and the last read "
				.formatted(ContentReader.MAX_ATTEMPTS)
					+ "found that the file is a symbolic link to '..data/tls.key', which does not exist");
		assertThat(swaps[0]).isEqualTo(ContentReader.MAX_ATTEMPTS);
	}

	@Test
	void resourceThatDoesNotExistIsNotSaidToBeChanging() {
		List<Issued> pairs = List.of(this.second, this.first);
		int[] swaps = { 0 };
		ContentReader reader = new ContentReader(new DefaultResourceLoader(), ContentReader.DEFAULT_MAX_SIZE,
				afterEveryOpening("tls.crt", () -> swapKeepingTheOldVersion(pairs.get(swaps[0]++ % pairs.size()))));
		StoreSource keyStore = StoreSource.pem(null,
				TestMaterial.location("keystore.certificate", this.volume.file("tls.crt")), new MaterialLocation(
						"spring.ssl.bundle.pem.web.keystore.private-key", "classpath:missing/tls.key", null),
				null);
		MaterialSource source = new MaterialSource("web", reader, keyStore, null, null, null, null);
		assertThatExceptionOfType(MaterialLoadException.class).isThrownBy(source::load)
			.withMessage("Unable to load private key for bundle 'web' from "
					+ "'property spring.ssl.bundle.pem.web.keystore.private-key': the resource does not exist");
		assertThat(swaps[0]).isEqualTo(ContentReader.MAX_ATTEMPTS);
	}

	@Test
	void digestsAreReadFromOneStateToo() {
		MaterialSource source = source(afterOpening("tls.crt", () -> this.volume.write(secret(this.second))));
		List<String> digests = source.digest().stream().map(ContentDigest::sha256).toList();
		assertThat(digests).isEqualTo(source(null).digest().stream().map(ContentDigest::sha256).toList());
	}

	@Test
	void resolutionSeesEveryFileThroughOneReadingOfEachLink() throws IOException {
		PathResolution resolution = new PathResolution();
		Path certificate = resolution.resolve(this.volume.file("tls.crt"));
		this.volume.write(secret(this.second));
		Path key = resolution.resolve(this.volume.file("tls.key"));
		assertThat(key.getParent()).isEqualTo(certificate.getParent());
		assertThat(resolution.isCurrent()).isFalse();
		PathResolution again = new PathResolution();
		assertThat(again.resolve(this.volume.file("tls.key")).getParent()).isNotEqualTo(certificate.getParent());
		assertThat(again.isCurrent()).isTrue();
	}

	private LoadedMaterial load(RegularFile.FileOpener opener) {
		return source(opener).load();
	}

	private MaterialSource source(RegularFile.FileOpener opener) {
		ContentReader reader = (opener != null)
				? new ContentReader(new DefaultResourceLoader(), ContentReader.DEFAULT_MAX_SIZE, opener)
				: TestMaterial.reader();
		StoreSource keyStore = StoreSource.pem(null,
				TestMaterial.location("keystore.certificate", this.volume.file("tls.crt")),
				TestMaterial.location("keystore.private-key", this.volume.file("tls.key")), null);
		return new MaterialSource("web", reader, keyStore, null, null, null, null);
	}

	/**
	 * An opener that runs the given change once, right after it opened a file of the
	 * given name: what was opened stays readable, what is opened next sees the change.
	 */
	private static RegularFile.FileOpener afterOpening(String name, Runnable change) {
		AtomicBoolean changed = new AtomicBoolean();
		return afterEveryOpening(name, () -> {
			if (!changed.getAndSet(true)) {
				change.run();
			}
		});
	}

	/**
	 * An opener that runs the given change right after every opening of a file of the
	 * given name.
	 */
	private static RegularFile.FileOpener afterEveryOpening(String name, Runnable change) {
		return (path) -> {
			InputStream inputStream = Files.newInputStream(path);
			if (path.getFileName().toString().equals(name)) {
				change.run();
			}
			return inputStream;
		};
	}

	/**
	 * Swap the {@code ..data} link to a new version without removing the old one.
	 */
	private void swapKeepingTheOldVersion(Issued issued) {
		try {
			Path version = Files.createTempDirectory(this.volume.directory(), "..version");
			secret(issued).forEach(write(version));
			Path temporary = this.volume.directory().resolve("..data_tmp");
			Files.createSymbolicLink(temporary, version.getFileName());
			Files.move(temporary, this.volume.file("..data"), StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static BiConsumer<String, byte[]> write(Path directory) {
		return (name, content) -> {
			try {
				Files.write(directory.resolve(name), content);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		};
	}

	private static void assertPair(LoadedMaterial material, Issued issued) {
		assertThat(material.getKey().leaf()).isEqualTo(issued.certificate());
		assertThat(material.getKey().privateKey().getEncoded()).isEqualTo(issued.keyPair().getPrivate().getEncoded());
	}

	private static Map<String, byte[]> secret(Issued issued) {
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("tls.crt", PemFiles.certificates(issued.chain()).getBytes());
		files.put("tls.key", PemFiles.pkcs8(issued.keyPair().getPrivate()).getBytes());
		return files;
	}

}
