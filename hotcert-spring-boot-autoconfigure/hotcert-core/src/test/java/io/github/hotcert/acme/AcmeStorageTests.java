package io.github.hotcert.acme;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AcmeStorage}.
 */
class AcmeStorageTests {

	@TempDir
	Path directory;

	@Test
	void createsTheAccountKeyOnceReadableByTheOwnerOnly() throws Exception {
		AcmeStorage storage = new AcmeStorage(this.directory.resolve("acme"));
		storage.prepare();
		KeyPair first = storage.accountKey();
		KeyPair again = storage.accountKey();
		assertThat(again.getPrivate()).isEqualTo(first.getPrivate());
		assertThat(again.getPublic()).isEqualTo(first.getPublic());
		assertThat(Files.getPosixFilePermissions(storage.root().resolve(AcmeStorage.ACCOUNT_KEY)))
			.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
		assertThat(Files.getPosixFilePermissions(storage.root())).containsExactlyInAnyOrder(
				PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
	}

	@Test
	void instancesThatCreateTheAccountKeyAtTheSameTimeEndWithTheSameKey() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			Callable<KeyPair> create = () -> {
				AcmeStorage storage = new AcmeStorage(this.directory);
				storage.prepare();
				return storage.accountKey();
			};
			var keys = IntStream.range(0, 8).mapToObj((i) -> executor.submit(create)).toList();
			KeyPair first = keys.get(0).get();
			for (Future<KeyPair> key : keys) {
				assertThat(key.get().getPublic()).isEqualTo(first.getPublic());
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void refusesBundleNamesThatAreNotPlainDirectoryNames() {
		AcmeStorage storage = new AcmeStorage(this.directory);
		for (String name : new String[] { "..", "../web", "a/b", ".hidden", "" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> storage.bundle(name));
		}
		assertThat(storage.bundle("web.example-1").directory()).isEqualTo(this.directory.resolve("web.example-1"));
	}

}
