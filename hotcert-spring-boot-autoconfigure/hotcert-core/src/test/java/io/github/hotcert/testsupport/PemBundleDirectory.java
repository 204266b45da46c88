package io.github.hotcert.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.hotcert.testsupport.TestCertificates.Issued;

/**
 * A directory with the {@code tls.crt} and {@code tls.key} of one PEM bundle, written and
 * rotated the way an operator or certbot does it.
 */
public final class PemBundleDirectory {

	private final Path directory;

	public PemBundleDirectory(Path directory) {
		try {
			this.directory = Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Path certificate() {
		return this.directory.resolve("tls.crt");
	}

	public Path privateKey() {
		return this.directory.resolve("tls.key");
	}

	/**
	 * Write the initial files.
	 */
	public PemBundleDirectory write(Issued issued) {
		try {
			Files.writeString(certificate(), PemFiles.certificates(issued.chain()));
			Files.writeString(privateKey(), PemFiles.pkcs8(issued.keyPair().getPrivate()));
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Rotate: rename a new key, then a new certificate, over the old files.
	 */
	public void replace(Issued issued) {
		replace(issued, issued);
	}

	/**
	 * Rotate to the certificate of one and the private key of another, which do not match
	 * unless they are the same.
	 */
	public void replace(Issued certificate, Issued key) {
		PemFiles.replace(privateKey(), PemFiles.pkcs8(key.keyPair().getPrivate()));
		PemFiles.replace(certificate(), PemFiles.certificates(certificate.chain()));
	}

	/**
	 * The {@code spring.ssl.bundle.pem.<name>.*} properties of a bundle read from this
	 * directory.
	 */
	public String[] bundleProperties(String name) {
		return new String[] { "spring.ssl.bundle.pem." + name + ".keystore.certificate=" + certificate(),
				"spring.ssl.bundle.pem." + name + ".keystore.private-key=" + privateKey() };
	}

}
