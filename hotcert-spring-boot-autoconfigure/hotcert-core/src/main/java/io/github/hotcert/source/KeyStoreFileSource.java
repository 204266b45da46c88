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
import java.util.Locale;
import java.util.Objects;

import io.github.hotcert.source.KeyStoreParser.KeyStoreFormatException;

import org.springframework.util.StringUtils;

/**
 * A {@link StoreSource} for a JKS or PKCS#12 key store file.
 */
final class KeyStoreFileSource extends StoreSource {

	private final String type;

	private final String provider;

	private final MaterialLocation location;

	private final String password;

	KeyStoreFileSource(String type, String provider, MaterialLocation location, String password) {
		this.type = type;
		this.provider = provider;
		this.location = location;
		this.password = password;
	}

	@Override
	public String getType() {
		return (StringUtils.hasText(this.type) ? this.type : KeyStore.getDefaultType()).toLowerCase(Locale.ROOT);
	}

	@Override
	public List<MaterialLocation> getLocations() {
		return List.of(this.location);
	}

	@Override
	LoadedStore load(LoadContext context) {
		MaterialContent content = context.read(context.storeName(), this.location);
		KeyStore store;
		try {
			store = KeyStoreParser.load(content, this.type, this.provider, this.password);
		}
		catch (KeyStoreFormatException ex) {
			throw new MaterialLoadException(context.bundleName(), context.storeName(), this.location, ex.getMessage(),
					ex);
		}
		if (context.trust()) {
			return new LoadedStore(store, null, this.password, null, certificates(context, store), this.location);
		}
		KeyMaterial key = keyMaterial(context, store);
		KeyStore inMemory = InMemoryKeyStores.copyWithKey(store, key.alias(), key.privateKey(), keyPassword(context));
		return new LoadedStore(inMemory, null, this.password, key, key.chain(), this.location);
	}

	private char[] keyPassword(LoadContext context) {
		String keyPassword = StringUtils.hasText(context.key().getPassword()) ? context.key().getPassword()
				: this.password;
		return (keyPassword != null) ? keyPassword.toCharArray() : new char[0];
	}

	KeyMaterial keyMaterial(LoadContext context, KeyStore store) {
		try {
			List<String> keyAliases = KeyStoreParser.keyAliases(store);
			String alias = context.key().getAlias();
			if (StringUtils.hasText(alias)) {
				if (!store.containsAlias(alias)) {
					throw failure(context, "the key store has no entry with alias '%s' (key entries: %s)"
						.formatted(alias, keyAliases));
				}
				if (!store.isKeyEntry(alias)) {
					throw failure(context, "the entry with alias '%s' is not a private key entry (key entries: %s)"
						.formatted(alias, keyAliases));
				}
			}
			else {
				if (keyAliases.isEmpty()) {
					throw failure(context, "the key store has no private key entry");
				}
				alias = keyAliases.get(0);
			}
			Key key = store.getKey(alias, keyPassword(context));
			if (!(key instanceof PrivateKey privateKey)) {
				throw failure(context, "the entry with alias '%s' is not a private key".formatted(alias));
			}
			Certificate[] chain = store.getCertificateChain(alias);
			if (chain == null || chain.length == 0) {
				throw failure(context, "the entry with alias '%s' has no certificate chain".formatted(alias));
			}
			List<X509Certificate> certificates = Arrays.stream(chain).map(X509Certificate.class::cast).toList();
			return new KeyMaterial(alias, privateKey, certificates, this.location, this.location);
		}
		catch (UnrecoverableKeyException ex) {
			throw new MaterialLoadException(context.bundleName(), "private key", this.location,
					"the private key cannot be recovered: the key password (key.password) is wrong", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new MaterialLoadException(context.bundleName(), "private key", this.location,
					"the private key entry cannot be read from the key store (its algorithm is not supported)", ex);
		}
	}

	private MaterialLoadException failure(LoadContext context, String reason) {
		return new MaterialLoadException(context.bundleName(), "private key", this.location, reason);
	}

	List<X509Certificate> certificates(LoadContext context, KeyStore store) {
		try {
			List<X509Certificate> certificates = new ArrayList<>();
			for (String alias : Collections.list(store.aliases())) {
				if (store.getCertificate(alias) instanceof X509Certificate certificate) {
					certificates.add(certificate);
				}
			}
			if (certificates.isEmpty()) {
				throw new MaterialLoadException(context.bundleName(), "trust store", this.location,
						"the trust store has no certificate");
			}
			return certificates;
		}
		catch (GeneralSecurityException ex) {
			throw new MaterialLoadException(context.bundleName(), "trust store", this.location,
					"the certificates of the trust store cannot be read", ex);
		}
	}

	@Override
	public String toString() {
		return "key store[type=" + getType() + ", location=" + this.location + "]";
	}

	@Override
	public boolean equals(Object obj) {
		if (this == obj) {
			return true;
		}
		return obj instanceof KeyStoreFileSource other && Objects.equals(this.type, other.type)
				&& Objects.equals(this.provider, other.provider) && this.location.equals(other.location)
				&& Objects.equals(this.password, other.password);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.type, this.provider, this.location);
	}

}
