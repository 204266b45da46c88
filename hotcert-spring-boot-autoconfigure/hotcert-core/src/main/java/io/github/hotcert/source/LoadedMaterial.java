package io.github.hotcert.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.KeyStore;
import java.util.List;
import java.util.function.Supplier;

import io.github.hotcert.source.StoreSource.LoadContext;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.util.Assert;

/**
 * Certificate material read and parsed from its source: the {@link SslBundle} to publish,
 * with its stores already built, and what is needed to validate it. {@link #toString()}
 * never shows key material.
 */
public final class LoadedMaterial {

	private final String bundleName;

	private final SslBundle sslBundle;

	private final MaterialLoadException storeFailure;

	private final KeyMaterial key;

	private final TrustMaterial trust;

	private final List<ContentDigest> contents;

	private final String contentHash;

	LoadedMaterial(String bundleName, SslBundle sslBundle, MaterialLoadException storeFailure, KeyMaterial key,
			TrustMaterial trust, List<ContentDigest> contents) {
		Assert.isTrue(sslBundle != null ^ storeFailure != null, "Either 'sslBundle' or 'storeFailure' is required");
		this.bundleName = bundleName;
		this.sslBundle = sslBundle;
		this.storeFailure = storeFailure;
		this.key = key;
		this.trust = trust;
		this.contents = List.copyOf(contents);
		this.contentHash = (!this.contents.isEmpty()) ? contentHash(this.contents) : null;
	}

	/**
	 * Read the material of a bundle that someone else built, for example one that
	 * application code publishes through {@code SslBundleRegistry.updateBundle}: its key
	 * entry is found the way it is found in a key store file, and the bundle itself is
	 * what {@link #getSslBundle()} returns.
	 * @param bundleName the name of the bundle
	 * @param bundle the bundle
	 * @return the material, without content digests
	 * @throws MaterialLoadException if the key entry or the trusted certificates cannot
	 * be read
	 */
	public static LoadedMaterial of(String bundleName, SslBundle bundle) {
		MaterialLocation location = MaterialLocation.registry(bundleName);
		SslStoreBundle stores = bundle.getStores();
		KeyStoreFileSource reader = new KeyStoreFileSource(null, null, location, stores.getKeyStorePassword());
		KeyStore keyStore = store(bundleName, "key store", location, stores::getKeyStore);
		KeyStore trustStore = store(bundleName, "trust store", location, stores::getTrustStore);
		List<ContentDigest> none = List.of();
		KeyMaterial key = (keyStore != null)
				? reader.keyMaterial(new LoadContext(bundleName, null, bundle.getKey(), false, none), keyStore) : null;
		TrustMaterial trust = (trustStore != null) ? new TrustMaterial(
				reader.certificates(new LoadContext(bundleName, null, bundle.getKey(), true, none), trustStore),
				location) : null;
		return new LoadedMaterial(bundleName, bundle, null, key, trust, List.of());
	}

	private static KeyStore store(String bundleName, String what, MaterialLocation location, Supplier<KeyStore> store) {
		try {
			return store.get();
		}
		catch (RuntimeException ex) {
			throw new MaterialLoadException(bundleName, what, location, ex.getMessage(), ex);
		}
	}

	/**
	 * Return the name of the bundle.
	 * @return the bundle name
	 */
	public String getBundleName() {
		return this.bundleName;
	}

	/**
	 * Return the bundle to publish, with the key stores built when the material was
	 * loaded. When a key store could not be built, the material is still returned by
	 * {@link MaterialSource#load()}, so that the checks report problems with the parsed
	 * certificates first; this method then throws why.
	 * @return the SSL bundle
	 * @throws MaterialLoadException if a key store could not be built from the material
	 */
	public SslBundle getSslBundle() {
		if (this.storeFailure != null) {
			throw this.storeFailure;
		}
		return this.sslBundle;
	}

	/**
	 * Return the private key and its certificate chain, or {@code null} when the bundle
	 * has only trust material.
	 * @return the key material or {@code null}
	 */
	public KeyMaterial getKey() {
		return this.key;
	}

	/**
	 * Return the trusted certificates, or {@code null} when the bundle has no trust
	 * store.
	 * @return the trust material or {@code null}
	 */
	public TrustMaterial getTrust() {
		return this.trust;
	}

	/**
	 * Return the digests of the content the material was read from.
	 * @return the content digests
	 */
	public List<ContentDigest> getContents() {
		return this.contents;
	}

	/**
	 * Return one hash over all the content the material was read from: equal hashes mean
	 * equal material.
	 * @return the content hash, or {@code null} when the material was not read from
	 * content (a bundle {@link #of(String, SslBundle) built by someone else})
	 */
	public String getContentHash() {
		return this.contentHash;
	}

	/**
	 * Return the summaries of the certificate chain, leaf first.
	 * @return the chain summaries, empty when there is no key material
	 */
	public List<CertificateInfo> getChainInfo() {
		return (this.key != null) ? CertificateInfo.of(this.key.chain()) : List.of();
	}

	/**
	 * Return the summaries of the trusted certificates.
	 * @return the trusted certificate summaries, empty when there is no trust material
	 */
	public List<CertificateInfo> getTrustInfo() {
		return (this.trust != null) ? CertificateInfo.of(this.trust.certificates()) : List.of();
	}

	/**
	 * Compute the hash that {@link #getContentHash()} returns for the given digests.
	 * @param contents the content digests
	 * @return the combined hash
	 */
	public static String contentHash(List<ContentDigest> contents) {
		MessageDigest digest = Sha256.newDigest();
		for (ContentDigest content : contents) {
			digest.update(content.location().property().getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			digest.update(content.sha256().getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
		}
		return Sha256.hex(digest);
	}

	@Override
	public String toString() {
		return "LoadedMaterial[bundle=" + this.bundleName + ", key=" + this.key + ", contentHash=" + this.contentHash
				+ "]";
	}

}
