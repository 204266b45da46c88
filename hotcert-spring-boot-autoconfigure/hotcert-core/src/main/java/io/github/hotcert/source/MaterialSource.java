package io.github.hotcert.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.github.hotcert.source.ContentReader.Reads;
import io.github.hotcert.source.StoreSource.LoadContext;
import io.github.hotcert.source.StoreSource.LoadedStore;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.util.Assert;

/**
 * The configured inputs of one SSL bundle (a key store and a trust store, each from PEM
 * files or a key store file) and how to turn them into {@link LoadedMaterial}. Every call
 * to {@link #load()} reads and parses the content again and builds the key stores,
 * eagerly: nothing is deferred until a handshake needs it.
 */
public class MaterialSource {

	private final String bundleName;

	private final ContentReader reader;

	private final StoreSource keyStore;

	private final StoreSource trustStore;

	private final SslBundleKey key;

	private final SslOptions options;

	private final String protocol;

	/**
	 * Create a new {@link MaterialSource}.
	 * @param bundleName the bundle name
	 * @param reader the content reader
	 * @param keyStore the key store, or {@code null}
	 * @param trustStore the trust store, or {@code null}
	 * @param key the key alias and password, or {@code null}
	 * @param options the SSL options, or {@code null}
	 * @param protocol the SSL protocol, or {@code null}
	 */
	public MaterialSource(String bundleName, ContentReader reader, StoreSource keyStore, StoreSource trustStore,
			SslBundleKey key, SslOptions options, String protocol) {
		Assert.hasText(bundleName, "'bundleName' must not be empty");
		Assert.notNull(reader, "'reader' must not be null");
		Assert.isTrue(keyStore != null || trustStore != null, "'keyStore' or 'trustStore' must not be null");
		this.bundleName = bundleName;
		this.reader = reader;
		this.keyStore = keyStore;
		this.trustStore = trustStore;
		this.key = (key != null) ? key : SslBundleKey.NONE;
		this.options = (options != null) ? options : SslOptions.NONE;
		this.protocol = protocol;
	}

	/**
	 * Return the name of the bundle.
	 * @return the bundle name
	 */
	public String getBundleName() {
		return this.bundleName;
	}

	/**
	 * Return the kind of source: the type of the key store ({@code pem}, {@code jks},
	 * {@code pkcs12}), or of the trust store when there is no key store.
	 * @return the source type
	 */
	public String getType() {
		return (this.keyStore != null) ? this.keyStore.getType() : this.trustStore.getType();
	}

	/**
	 * Return the key store source.
	 * @return the key store source, or {@code null}
	 */
	public StoreSource getKeyStore() {
		return this.keyStore;
	}

	/**
	 * Return the trust store source.
	 * @return the trust store source, or {@code null}
	 */
	public StoreSource getTrustStore() {
		return this.trustStore;
	}

	/**
	 * Return whether another source of the same bundle is configured the same way: the
	 * same locations (for content written in a property, the same content), key alias and
	 * passwords, store types, options and protocol. A source configured differently, for
	 * example after the configuration changed while the application runs, may build a
	 * different bundle from the same content.
	 * @param other the other source
	 * @return whether both sources are configured the same way
	 */
	public boolean isConfiguredLike(MaterialSource other) {
		return other != null && this.bundleName.equals(other.bundleName)
				&& Objects.equals(this.keyStore, other.keyStore) && Objects.equals(this.trustStore, other.trustStore)
				&& Objects.equals(this.key.getAlias(), other.key.getAlias())
				&& Objects.equals(this.key.getPassword(), other.key.getPassword())
				&& Arrays.equals(this.options.getCiphers(), other.options.getCiphers())
				&& Arrays.equals(this.options.getEnabledProtocols(), other.options.getEnabledProtocols())
				&& Objects.equals(this.protocol, other.protocol);
	}

	/**
	 * Return every location the bundle's material is read from.
	 * @return the locations
	 */
	public List<MaterialLocation> getLocations() {
		List<MaterialLocation> locations = new ArrayList<>();
		if (this.keyStore != null) {
			locations.addAll(this.keyStore.getLocations());
		}
		if (this.trustStore != null) {
			locations.addAll(this.trustStore.getLocations());
		}
		return locations;
	}

	/**
	 * Return the files the bundle's material is read from, as configured (symbolic links
	 * are not resolved).
	 * @return the files
	 */
	public Set<Path> getFiles() {
		Set<Path> files = new LinkedHashSet<>();
		getLocations().stream().map(MaterialLocation::path).filter(Objects::nonNull).forEach(files::add);
		return files;
	}

	/**
	 * Read the content of every location, from one state of their directories, and return
	 * its digests, without parsing.
	 * @return the digests
	 * @throws MaterialLoadException if a location cannot be read
	 */
	public List<ContentDigest> digest() {
		List<MaterialLocation> locations = getLocations();
		Reads reads = this.reader.readAll(locations);
		List<ContentDigest> digests = new ArrayList<>();
		for (MaterialLocation location : locations) {
			digests.add(reads.get(this.bundleName, "content", location).digest());
		}
		return digests;
	}

	/**
	 * Read and parse the material and build its key stores. Every file is read first,
	 * from one state of the directories that hold them (see {@link ContentReader}), then
	 * parsed: a certificate and a key swapped together (a Kubernetes Secret update) are
	 * either both old or both new, never one of each. A key store that cannot be built
	 * from parsed content is not a failure of this method: the material reports it when
	 * its {@link LoadedMaterial#getSslBundle() bundle} is asked for.
	 * @return the loaded material
	 * @throws MaterialLoadException if the material cannot be read or parsed
	 */
	public LoadedMaterial load() {
		Reads reads = this.reader.readAll(getLocations());
		List<ContentDigest> digests = new ArrayList<>();
		LoadedStore keyStore = (this.keyStore != null)
				? this.keyStore.load(new LoadContext(this.bundleName, reads, this.key, false, digests)) : null;
		LoadedStore trustStore = (this.trustStore != null)
				? this.trustStore.load(new LoadContext(this.bundleName, reads, this.key, true, digests)) : null;
		TrustMaterial trust = (trustStore != null) ? new TrustMaterial(trustStore.certificates(), trustStore.location())
				: null;
		KeyMaterial key = (keyStore != null) ? keyStore.key() : null;
		MaterialLoadException failure = (keyStore != null && keyStore.failure() != null) ? keyStore.failure()
				: (trustStore != null) ? trustStore.failure() : null;
		if (failure != null) {
			return new LoadedMaterial(this.bundleName, null, failure, key, trust, digests);
		}
		SslStoreBundle stores = SslStoreBundle.of((keyStore != null) ? keyStore.keyStore() : null,
				(keyStore != null) ? keyStore.password() : null, (trustStore != null) ? trustStore.keyStore() : null);
		return new LoadedMaterial(this.bundleName, SslBundle.of(stores, this.key, this.options, this.protocol), null,
				key, trust, digests);
	}

	@Override
	public String toString() {
		return getType() + " bundle '" + this.bundleName + "' " + getLocations();
	}

}
