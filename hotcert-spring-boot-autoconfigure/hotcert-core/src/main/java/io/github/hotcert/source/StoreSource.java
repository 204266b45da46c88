package io.github.hotcert.source;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import org.springframework.boot.ssl.SslBundleKey;

/**
 * The source of one key store or trust store of a bundle: PEM files, or a key store file.
 */
public abstract class StoreSource {

	StoreSource() {
	}

	/**
	 * Create the source of a store built from PEM certificates and an optional private
	 * key.
	 * @param type the key store type to build, or {@code null} for the default
	 * @param certificate the certificates
	 * @param privateKey the private key, or {@code null}
	 * @param privateKeyPassword the password of an encrypted private key, or {@code null}
	 * @return the store source
	 */
	public static StoreSource pem(String type, MaterialLocation certificate, MaterialLocation privateKey,
			String privateKeyPassword) {
		return new PemStoreSource(type, certificate, privateKey, privateKeyPassword);
	}

	/**
	 * Create the source of a store read from a JKS or PKCS#12 key store file.
	 * @param type the key store type, or {@code null} for the default
	 * @param provider the provider, or {@code null} for the default
	 * @param location the key store
	 * @param password the key store password, or {@code null}
	 * @return the store source
	 */
	public static StoreSource keyStore(String type, String provider, MaterialLocation location, String password) {
		return new KeyStoreFileSource(type, provider, location, password);
	}

	/**
	 * Return the kind of store, such as {@code pem}, {@code jks} or {@code pkcs12}.
	 * @return the type
	 */
	public abstract String getType();

	/**
	 * Return the locations the store is read from.
	 * @return the locations
	 */
	public abstract List<MaterialLocation> getLocations();

	/**
	 * Read and parse the store.
	 * @param context what the store is loaded for
	 * @return the loaded store
	 * @throws MaterialLoadException if the store cannot be read or parsed
	 */
	abstract LoadedStore load(LoadContext context);

	/**
	 * What a store is loaded for.
	 *
	 * @param bundleName the bundle name, for messages
	 * @param reads the content of every location of the bundle, read beforehand from one
	 * state of their directories
	 * @param key the key alias and password of the bundle
	 * @param trust whether the store is the trust store
	 * @param digests where to add the digests of the content used
	 */
	record LoadContext(String bundleName, ContentReader.Reads reads, SslBundleKey key, boolean trust,
			List<ContentDigest> digests) {

		MaterialContent read(String what, MaterialLocation location) {
			MaterialContent content = this.reads.get(this.bundleName, what, location);
			this.digests.add(content.digest());
			return content;
		}

		String storeName() {
			return this.trust ? "trust store" : "key store";
		}

	}

	/**
	 * A loaded store: its content is parsed and its key store built, unless it cannot be.
	 *
	 * @param keyStore the key store, or {@code null} when it cannot be built
	 * @param failure why the key store cannot be built, or {@code null}
	 * @param password the key store password, or {@code null}
	 * @param key the private key entry with its chain, or {@code null}
	 * @param certificates the certificates of the store (the trusted certificates of a
	 * trust store)
	 * @param location where the certificates were read from
	 */
	record LoadedStore(KeyStore keyStore, MaterialLoadException failure, String password, KeyMaterial key,
			List<X509Certificate> certificates, MaterialLocation location) {

		@Override
		public String toString() {
			return "LoadedStore[location=" + this.location + "]";
		}

	}

}
