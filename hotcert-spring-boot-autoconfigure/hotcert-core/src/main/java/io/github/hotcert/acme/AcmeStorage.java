package io.github.hotcert.acme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * The storage directory of ACME bundles, which several instances of an application may
 * share: <pre>
 * account.key                   the account key pair (0600)
 * challenges/&lt;token&gt;            HTTP-01 answers, served by every instance
 * &lt;bundle&gt;/current              link to the version served now
 * &lt;bundle&gt;/.v-&lt;...&gt;/tls.crt    a version: the certificate chain (0600)
 * &lt;bundle&gt;/.v-&lt;...&gt;/tls.key    and its private key, PKCS#8 (0600)
 * &lt;bundle&gt;/order.lock           held by the instance that orders
 * </pre>
 */
final class AcmeStorage {

	static final String ACCOUNT_KEY = "account.key";

	static final String CHALLENGES = "challenges";

	private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	private final Path root;

	AcmeStorage(Path root) {
		Assert.notNull(root, "'root' must not be null");
		this.root = root.toAbsolutePath().normalize();
	}

	Path root() {
		return this.root;
	}

	/**
	 * Return the directory of the HTTP-01 answers that every instance serves.
	 */
	Path challenges() {
		return this.root.resolve(CHALLENGES);
	}

	/**
	 * Return the storage of one bundle.
	 * @param name the bundle name
	 * @return its storage
	 */
	BundleStorage bundle(String name) {
		Assert.isTrue(SAFE_NAME.matcher(name).matches() && !name.contains(".."),
				() -> "Bundle name '%s' cannot name a directory: use letters, digits, '.', '_' and '-'"
					.formatted(name));
		return new BundleStorage(this.root.resolve(name));
	}

	/**
	 * Create the storage directory and its challenge directory, owner only.
	 */
	void prepare() {
		try {
			StorageFiles.createDirectories(this.root);
			StorageFiles.createDirectories(challenges());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Unable to create the ACME storage directory '%s'".formatted(this.root), ex);
		}
	}

	/**
	 * Return the account key pair, created once for the storage directory: instances that
	 * share it use one account.
	 * @return the account key pair
	 * @throws IOException if the key cannot be read or written
	 */
	KeyPair accountKey() throws IOException {
		Path file = this.root.resolve(ACCOUNT_KEY);
		try {
			return Pem.readKeyPair(StorageFiles.read(file));
		}
		catch (NoSuchFileException ex) {
			StorageFiles.createAtomically(file, Pem.keyPair(AcmeKeyType.EC_P256.generate()));
			// Read what won: another instance may have created it first
			return Pem.readKeyPair(StorageFiles.read(file));
		}
	}

	@Override
	public String toString() {
		return this.root.toString();
	}

}
