package io.github.hotcert.source;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.github.hotcert.source.KeyStoreParser.KeyStoreFormatException;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.util.StringUtils;

/**
 * A {@link MaterialSource} for JKS and PKCS#12 key stores, as configured for a
 * {@code spring.ssl.bundle.jks} bundle.
 */
public class KeyStoreMaterialSource extends MaterialSource {

	private final Store keyStore;

	private final Store trustStore;

	/**
	 * Create a new {@link KeyStoreMaterialSource}.
	 * @param bundleName the bundle name
	 * @param reader the content reader
	 * @param keyStore the key store details, or {@code null}
	 * @param trustStore the trust store details, or {@code null}
	 * @param key the key alias and password
	 * @param options the SSL options
	 * @param protocol the SSL protocol
	 */
	public KeyStoreMaterialSource(String bundleName, ContentReader reader, Store keyStore, Store trustStore,
			SslBundleKey key, SslOptions options, String protocol) {
		super(bundleName, reader, key, options, protocol);
		this.keyStore = keyStore;
		this.trustStore = trustStore;
	}

	@Override
	public String getType() {
		return "jks";
	}

	@Override
	public List<MaterialLocation> getLocations() {
		List<MaterialLocation> locations = new ArrayList<>();
		if (this.keyStore != null) {
			locations.add(this.keyStore.location());
		}
		if (this.trustStore != null) {
			locations.add(this.trustStore.location());
		}
		return locations;
	}

	@Override
	public LoadedMaterial load() {
		List<ContentDigest> digests = new ArrayList<>();
		KeyStore keyStore = null;
		KeyMaterial key = null;
		if (this.keyStore != null) {
			keyStore = loadStore("key store", this.keyStore, digests);
			key = keyMaterial(keyStore);
		}
		KeyStore trustStore = null;
		TrustMaterial trust = null;
		if (this.trustStore != null) {
			trustStore = loadStore("trust store", this.trustStore, digests);
			trust = new TrustMaterial(trustedCertificates(trustStore), this.trustStore.location());
		}
		String keyStorePassword = (this.keyStore != null) ? this.keyStore.password() : null;
		SslStoreBundle stores = SslStoreBundle.of(keyStore, keyStorePassword, trustStore);
		SslBundle bundle = SslBundle.of(stores, getKey(), getOptions(), getProtocol());
		return new LoadedMaterial(getBundleName(), bundle, key, trust, digests);
	}

	private KeyStore loadStore(String what, Store store, List<ContentDigest> digests) {
		MaterialContent content = read(what, store.location());
		digests.add(content.digest());
		try {
			return KeyStoreParser.load(content, store.type(), store.provider(), store.password());
		}
		catch (KeyStoreFormatException ex) {
			throw new MaterialLoadException(getBundleName(), what, store.location(), ex.getMessage(), ex);
		}
	}

	private KeyMaterial keyMaterial(KeyStore store) {
		MaterialLocation location = this.keyStore.location();
		try {
			List<String> keyAliases = KeyStoreParser.keyAliases(store);
			String alias = getKey().getAlias();
			if (StringUtils.hasText(alias)) {
				if (!store.containsAlias(alias)) {
					throw new MaterialLoadException(getBundleName(), "private key", location,
							"the key store has no entry with alias '%s' (key entries: %s)".formatted(alias,
									keyAliases));
				}
				if (!store.isKeyEntry(alias)) {
					throw new MaterialLoadException(getBundleName(), "private key", location,
							"the entry with alias '%s' is not a private key entry (key entries: %s)".formatted(alias,
									keyAliases));
				}
			}
			else {
				if (keyAliases.isEmpty()) {
					throw new MaterialLoadException(getBundleName(), "private key", location,
							"the key store has no private key entry");
				}
				alias = keyAliases.get(0);
			}
			String password = StringUtils.hasText(getKey().getPassword()) ? getKey().getPassword()
					: this.keyStore.password();
			Key key = store.getKey(alias, (password != null) ? password.toCharArray() : new char[0]);
			if (!(key instanceof PrivateKey privateKey)) {
				throw new MaterialLoadException(getBundleName(), "private key", location,
						"the entry with alias '%s' is not a private key".formatted(alias));
			}
			Certificate[] chain = store.getCertificateChain(alias);
			if (chain == null || chain.length == 0) {
				throw new MaterialLoadException(getBundleName(), "certificate", location,
						"the entry with alias '%s' has no certificate chain".formatted(alias));
			}
			List<X509Certificate> certificates = Arrays.stream(chain).map(X509Certificate.class::cast).toList();
			return new KeyMaterial(alias, privateKey, certificates, location, location);
		}
		catch (UnrecoverableKeyException ex) {
			throw new MaterialLoadException(getBundleName(), "private key", location,
					"the private key cannot be recovered: the key password (key.password) is wrong", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new MaterialLoadException(getBundleName(), "private key", location,
					"the key store cannot be read: " + ex.getMessage(), ex);
		}
	}

	private List<X509Certificate> trustedCertificates(KeyStore store) {
		try {
			List<X509Certificate> certificates = new ArrayList<>();
			for (String alias : Collections.list(store.aliases())) {
				if (store.getCertificate(alias) instanceof X509Certificate certificate) {
					certificates.add(certificate);
				}
			}
			return certificates;
		}
		catch (GeneralSecurityException ex) {
			throw new MaterialLoadException(getBundleName(), "trust store", this.trustStore.location(),
					"the trust store cannot be read: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The details of a key store or trust store file.
	 *
	 * @param type the key store type, or {@code null} for the default
	 * @param provider the provider, or {@code null} for the default
	 * @param location the key store location
	 * @param password the key store password, or {@code null}
	 */
	public record Store(String type, String provider, MaterialLocation location, String password) {

		@Override
		public String toString() {
			return "Store[type=" + this.type + ", location=" + this.location + ", password="
					+ ((this.password != null) ? "******" : null) + "]";
		}

	}

}
