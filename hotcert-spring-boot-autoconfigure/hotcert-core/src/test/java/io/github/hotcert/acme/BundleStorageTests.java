package io.github.hotcert.acme;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.List;

import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BundleStorage}.
 */
class BundleStorageTests {

	private final TestCertificates certificates = TestCertificates.now();

	@TempDir
	Path directory;

	@Test
	void readsNothingWhenNothingIsStored() throws Exception {
		assertThat(storage().readChain()).isNull();
	}

	@Test
	void storesChainAndKeyReadableByTheOwnerOnly() throws Exception {
		Issued issued = issue("a.example");
		BundleStorage storage = storage();
		storage.publish(storage.stage(issued.chain(), issued.keyPair().getPrivate()));
		assertThat(storage.readChain()).containsExactlyElementsOf(issued.chain());
		assertThat(storage.readPrivateKey()).isEqualTo(issued.keyPair().getPrivate());
		assertThat(Files.getPosixFilePermissions(storage.privateKeyFile()))
			.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
		assertThat(Files.getPosixFilePermissions(storage.certificateFile()))
			.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
		assertThat(Files.getPosixFilePermissions(storage.directory())).containsExactlyInAnyOrder(
				PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
	}

	@Test
	void replacesTheCurrentVersionAndKeepsOnlyTheOneBefore() throws Exception {
		BundleStorage storage = storage();
		Issued last = null;
		for (int i = 0; i < 4; i++) {
			last = issue("v" + i + ".example");
			storage.publish(storage.stage(last.chain(), last.keyPair().getPrivate()));
		}
		assertThat(storage.readChain().get(0)).isEqualTo(last.certificate());
		try (var versions = Files.list(storage.directory())) {
			assertThat(versions.filter((path) -> path.getFileName().toString().startsWith(".v-"))).hasSize(2);
		}
		assertThat(Files.isSymbolicLink(storage.directory().resolve(BundleStorage.CURRENT))).isTrue();
	}

	@Test
	void publishIfAbsentKeepsWhatIsStored() throws Exception {
		BundleStorage storage = storage();
		Issued first = issue("first.example");
		Issued second = issue("second.example");
		Path firstVersion = storage.stage(first.chain(), first.keyPair().getPrivate());
		Path secondVersion = storage.stage(second.chain(), second.keyPair().getPrivate());
		assertThat(storage.publishIfAbsent(firstVersion)).isTrue();
		assertThat(storage.publishIfAbsent(secondVersion)).isFalse();
		assertThat(storage.readChain().get(0)).isEqualTo(first.certificate());
		assertThat(secondVersion).doesNotExist();
	}

	@Test
	void readsTheCertificateOfATemporaryCertificate() throws Exception {
		TemporaryCertificate.Generated generated = TemporaryCertificate.generate(List.of("a.example", "b.example"),
				AcmeKeyType.EC_P256, Clock.systemUTC());
		BundleStorage storage = storage();
		storage.publish(storage.stage(List.of(generated.certificate()), generated.keyPair().getPrivate()));
		assertThat(TemporaryCertificate.isTemporary(storage.readChain().get(0))).isTrue();
	}

	private BundleStorage storage() {
		return new AcmeStorage(this.directory).bundle("web");
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName),
				this.certificates.authority("storage test CA"));
	}

}
