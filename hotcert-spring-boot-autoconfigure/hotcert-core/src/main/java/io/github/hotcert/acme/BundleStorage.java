package io.github.hotcert.acme;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one ACME bundle in the storage directory. A new certificate and its key
 * are written to a new version directory, synced, and then made current by renaming a
 * link over {@code current}: a reader sees the old pair or the new one, never one of
 * each, and the file watcher sees the change as it sees a Kubernetes Secret update. The
 * version before is kept, for readers still in it; older ones are removed.
 */
final class BundleStorage {

	static final String CURRENT = "current";

	static final String CERTIFICATE = "tls.crt";

	static final String PRIVATE_KEY = "tls.key";

	static final String LOCK = "order.lock";

	static final String ISSUER = "issuer";

	private static final String VERSION_PREFIX = ".v-";

	private final Path directory;

	BundleStorage(Path directory) {
		this.directory = directory;
	}

	Path directory() {
		return this.directory;
	}

	/**
	 * Return the certificate chain file that the bundle is read from.
	 */
	Path certificateFile() {
		return this.directory.resolve(CURRENT).resolve(CERTIFICATE);
	}

	/**
	 * Return the private key file that the bundle is read from.
	 */
	Path privateKeyFile() {
		return this.directory.resolve(CURRENT).resolve(PRIVATE_KEY);
	}

	Path lockFile() {
		return this.directory.resolve(LOCK);
	}

	/**
	 * Read the stored certificate chain.
	 * @return the chain, leaf first, or {@code null} when none is stored
	 * @throws IOException if the chain cannot be read or parsed
	 */
	List<X509Certificate> readChain() throws IOException {
		try {
			return Pem.readCertificates(StorageFiles.read(certificateFile()));
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("'%s' holds no readable certificate".formatted(certificateFile()), ex);
		}
	}

	/**
	 * Read the stored private key.
	 * @return the private key
	 * @throws IOException if it cannot be read
	 */
	PrivateKey readPrivateKey() throws IOException {
		return Pem.readPrivateKey(StorageFiles.read(privateKeyFile()));
	}

	/**
	 * Write a certificate chain and its key to a new version directory, which is not
	 * current yet: it can be read and checked before it is {@link #publish(Path)
	 * published} or {@link #discard(Path) discarded}.
	 * @param chain the chain, leaf first
	 * @param key the private key
	 * @return the version directory
	 * @throws IOException if the files cannot be written
	 */
	Path stage(List<X509Certificate> chain, PrivateKey key) throws IOException {
		return stage(chain, key, null);
	}

	/**
	 * Write a certificate chain, its key and the directory URL of the CA that issued it
	 * to a new version directory, which is not current yet.
	 * @param chain the chain, leaf first
	 * @param key the private key
	 * @param issuer the URL of the ACME directory of the CA that issued it, or
	 * {@code null}
	 * @return the version directory
	 * @throws IOException if the files cannot be written
	 */
	Path stage(List<X509Certificate> chain, PrivateKey key, String issuer) throws IOException {
		StorageFiles.createDirectories(this.directory);
		Path version = Files.createTempDirectory(this.directory, VERSION_PREFIX + Instant.now().toEpochMilli() + "-");
		StorageFiles.writeNew(version.resolve(PRIVATE_KEY), Pem.privateKey(key));
		StorageFiles.writeNew(version.resolve(CERTIFICATE), Pem.certificates(chain));
		if (issuer != null) {
			StorageFiles.writeNew(version.resolve(ISSUER), issuer + "\n");
		}
		return version;
	}

	/**
	 * Read the directory URL of the CA that issued the stored certificate.
	 * @return the URL, or {@code null} when it is not known
	 */
	String readIssuer() {
		try {
			return StorageFiles.read(this.directory.resolve(CURRENT).resolve(ISSUER)).trim();
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Make a staged version current, in one rename, and remove the versions before the
	 * previous one.
	 * @param version the staged version
	 * @throws IOException if the link cannot be replaced
	 */
	void publish(Path version) throws IOException {
		Path link = StorageFiles.temporarySibling(this.directory.resolve(CURRENT));
		Files.createSymbolicLink(link, version.getFileName());
		try {
			Files.move(link, this.directory.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(link);
		}
		prune(version);
	}

	/**
	 * Make a staged version current unless a version is current already.
	 * @param version the staged version
	 * @return whether it was made current; if not, it is discarded
	 * @throws IOException if the link cannot be created
	 */
	boolean publishIfAbsent(Path version) throws IOException {
		try {
			Files.createSymbolicLink(this.directory.resolve(CURRENT), version.getFileName());
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			discard(version);
			return false;
		}
	}

	/**
	 * Remove a staged version that is not published.
	 * @param version the version
	 * @throws IOException if it cannot be removed
	 */
	void discard(Path version) throws IOException {
		StorageFiles.deleteRecursively(version);
	}

	/**
	 * Remove the versions older than the one before the current one.
	 */
	private void prune(Path current) throws IOException {
		List<Path> versions = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.directory, VERSION_PREFIX + "*")) {
			entries.forEach(versions::add);
		}
		versions
			.removeIf((version) -> version.equals(current) || !Files.isDirectory(version, LinkOption.NOFOLLOW_LINKS));
		// Newest first: the names start with the time they were written
		versions.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
		for (Path old : versions.subList(Math.min(1, versions.size()), versions.size())) {
			StorageFiles.deleteRecursively(old);
		}
	}

	@Override
	public String toString() {
		return this.directory.toString();
	}

}
