package io.github.hotcert.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import io.github.hotcert.config.HotcertProperties;
import io.github.hotcert.source.ContentReader;
import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.source.MaterialLocation;
import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.source.StoreSource;
import io.github.hotcert.testsupport.TestCertificates.Issued;

import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Writes PEM files to a directory and loads them as the material of a bundle, the way
 * hotcert loads them.
 */
public final class TestMaterial {

	/**
	 * The name of the bundle that material is loaded for.
	 */
	public static final String BUNDLE = "web";

	private final Path directory;

	public TestMaterial(Path directory) {
		this.directory = directory;
	}

	/**
	 * A reader with the limit of {@code hotcert.source.max-file-size} when nothing is
	 * configured.
	 */
	public static ContentReader reader() {
		return new ContentReader(new DefaultResourceLoader(), new HotcertProperties().getSource().getMaxFileSize());
	}

	public Path certificateFile() {
		return this.directory.resolve("tls.crt");
	}

	public Path keyFile() {
		return this.directory.resolve("tls.key");
	}

	public Path keyStoreFile(String type) {
		return this.directory.resolve("keystore." + type.toLowerCase(java.util.Locale.ROOT));
	}

	/**
	 * Load the chain and the key of the given certificate (leaf first).
	 */
	public LoadedMaterial pem(Issued issued) {
		return pem(issued.chain(), issued.keyPair().getPrivate());
	}

	/**
	 * Load the chain and the key of the given certificate for the given bundle.
	 */
	public LoadedMaterial pem(String bundleName, Issued issued) {
		return load(bundleName, null, SslBundleKey.NONE, issued.chain(), issued.keyPair().getPrivate(), null, null);
	}

	/**
	 * Load the given certificates (in that order) and key.
	 */
	public LoadedMaterial pem(List<X509Certificate> certificates, PrivateKey key) {
		return load(BUNDLE, null, SslBundleKey.NONE, certificates, key, null, null);
	}

	/**
	 * Load the given certificates (in that order) and key, with the given trusted
	 * certificates as the bundle's trust store.
	 */
	public LoadedMaterial pem(List<X509Certificate> certificates, PrivateKey key, List<X509Certificate> trusted) {
		write(certificateFile(), PemFiles.certificates(certificates));
		write(keyFile(), PemFiles.pkcs8(key));
		Path trustFile = this.directory.resolve("ca.crt");
		write(trustFile, PemFiles.certificates(trusted));
		StoreSource keyStore = StoreSource.pem(null, location("keystore.certificate", certificateFile()),
				location("keystore.private-key", keyFile()), null);
		StoreSource trustStore = StoreSource.pem(null, location("truststore.certificate", trustFile), null, null);
		return new MaterialSource(BUNDLE, reader(), keyStore, trustStore, SslBundleKey.NONE, null, null).load();
	}

	/**
	 * Load the given certificates (in that order) and key into a JKS key store: unlike
	 * PKCS#12, the default, it accepts certificates that are not a chain in order.
	 */
	public LoadedMaterial pemInJks(List<X509Certificate> certificates, PrivateKey key) {
		return load(BUNDLE, "JKS", SslBundleKey.of("secret", null), certificates, key, null, null);
	}

	/**
	 * Load the chain and the key of the given certificate with SSL options and protocol.
	 */
	public LoadedMaterial pem(Issued issued, SslOptions options, String protocol) {
		return load(BUNDLE, null, SslBundleKey.NONE, issued.chain(), issued.keyPair().getPrivate(), options, protocol);
	}

	private LoadedMaterial load(String bundleName, String storeType, SslBundleKey bundleKey,
			List<X509Certificate> certificates, PrivateKey key, SslOptions options, String protocol) {
		write(certificateFile(), PemFiles.certificates(certificates));
		write(keyFile(), PemFiles.pkcs8(key));
		StoreSource keyStore = StoreSource.pem(storeType, location("keystore.certificate", certificateFile()),
				location("keystore.private-key", keyFile()), null);
		return new MaterialSource(bundleName, reader(), keyStore, null, bundleKey, options, protocol).load();
	}

	/**
	 * Load a key store file.
	 */
	public LoadedMaterial keyStore(String type, byte[] content, String password, SslBundleKey key) {
		Path file = keyStoreFile(type);
		write(file, content);
		StoreSource keyStore = StoreSource.keyStore(type, null, location("keystore.location", file), password);
		return new MaterialSource(BUNDLE, reader(), keyStore, null, key, null, null).load();
	}

	/**
	 * Load trusted certificates only.
	 */
	public LoadedMaterial trust(List<X509Certificate> certificates) {
		Path file = this.directory.resolve("ca.crt");
		write(file, PemFiles.certificates(certificates));
		StoreSource trustStore = StoreSource.pem(null, location("truststore.certificate", file), null, null);
		return new MaterialSource(BUNDLE, reader(), null, trustStore, null, null, null).load();
	}

	public static MaterialLocation location(String property, Path file) {
		return new MaterialLocation("spring.ssl.bundle.pem." + BUNDLE + "." + property, file.toString(), file);
	}

	private static void write(Path file, String content) {
		write(file, content.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
	}

	private static void write(Path file, byte[] content) {
		try {
			Files.write(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
