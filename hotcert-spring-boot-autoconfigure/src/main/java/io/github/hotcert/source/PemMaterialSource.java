package io.github.hotcert.source;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.github.hotcert.source.PemParser.PemFormatException;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.util.StringUtils;

/**
 * A {@link MaterialSource} for PEM certificates and private keys, built into key stores
 * the way Spring Boot builds them for a {@code spring.ssl.bundle.pem} bundle.
 */
public class PemMaterialSource extends MaterialSource {

	private static final String DEFAULT_ALIAS = "ssl";

	private final Store keyStore;

	private final Store trustStore;

	/**
	 * Create a new {@link PemMaterialSource}.
	 * @param bundleName the bundle name
	 * @param reader the content reader
	 * @param keyStore the key store details, or {@code null}
	 * @param trustStore the trust store details, or {@code null}
	 * @param key the key alias and password
	 * @param options the SSL options
	 * @param protocol the SSL protocol
	 */
	public PemMaterialSource(String bundleName, ContentReader reader, Store keyStore, Store trustStore,
			SslBundleKey key, SslOptions options, String protocol) {
		super(bundleName, reader, key, options, protocol);
		this.keyStore = keyStore;
		this.trustStore = trustStore;
	}

	@Override
	public String getType() {
		return "pem";
	}

	@Override
	public List<MaterialLocation> getLocations() {
		List<MaterialLocation> locations = new ArrayList<>();
		addLocations(locations, this.keyStore);
		addLocations(locations, this.trustStore);
		return locations;
	}

	private void addLocations(List<MaterialLocation> locations, Store store) {
		if (store != null) {
			locations.add(store.certificate());
			if (store.privateKey() != null) {
				locations.add(store.privateKey());
			}
		}
	}

	@Override
	public LoadedMaterial load() {
		List<ContentDigest> digests = new ArrayList<>();
		KeyMaterial key = null;
		KeyStore keyStore = null;
		if (this.keyStore != null) {
			String alias = StringUtils.hasText(getKey().getAlias()) ? getKey().getAlias() : DEFAULT_ALIAS;
			key = loadKey(this.keyStore, alias, digests);
			keyStore = createKeyStore(this.keyStore, alias, getKey().getPassword(), key, "certificate");
		}
		TrustMaterial trust = null;
		KeyStore trustStore = null;
		if (this.trustStore != null) {
			KeyMaterial trustKey = loadKey(this.trustStore, DEFAULT_ALIAS, digests);
			trust = new TrustMaterial(trustKey.chain(), this.trustStore.certificate());
			trustStore = createKeyStore(this.trustStore, DEFAULT_ALIAS, null, trustKey, "trusted certificate");
		}
		SslStoreBundle stores = SslStoreBundle.of(keyStore, null, trustStore);
		SslBundle bundle = SslBundle.of(stores, getKey(), getOptions(), getProtocol());
		return new LoadedMaterial(getBundleName(), bundle, (key != null && key.privateKey() != null) ? key : null,
				trust, digests);
	}

	private KeyMaterial loadKey(Store store, String alias, List<ContentDigest> digests) {
		MaterialContent certificateContent = read("certificate", store.certificate());
		digests.add(certificateContent.digest());
		List<X509Certificate> certificates = parseCertificates(certificateContent);
		PrivateKey privateKey = null;
		if (store.privateKey() != null) {
			MaterialContent keyContent = read("private key", store.privateKey());
			digests.add(keyContent.digest());
			try {
				privateKey = PemParser.parsePrivateKey(keyContent, store.privateKeyPassword());
			}
			catch (PemFormatException ex) {
				throw new MaterialLoadException(getBundleName(), "private key", store.privateKey(), ex.getMessage(),
						ex);
			}
		}
		return new KeyMaterial(alias, privateKey, certificates, store.privateKey(), store.certificate());
	}

	private List<X509Certificate> parseCertificates(MaterialContent content) {
		try {
			return PemParser.parseCertificates(content);
		}
		catch (PemFormatException ex) {
			throw new MaterialLoadException(getBundleName(), "certificate", content.location(), ex.getMessage(), ex);
		}
	}

	private KeyStore createKeyStore(Store store, String alias, String keyPassword, KeyMaterial key, String what) {
		try {
			KeyStore keyStore = KeyStore
				.getInstance(StringUtils.hasText(store.type()) ? store.type() : KeyStore.getDefaultType());
			keyStore.load(null);
			if (key.privateKey() != null) {
				keyStore.setKeyEntry(alias, key.privateKey(), (keyPassword != null) ? keyPassword.toCharArray() : null,
						key.chain().toArray(X509Certificate[]::new));
			}
			else {
				List<X509Certificate> certificates = key.chain();
				for (int i = 0; i < certificates.size(); i++) {
					keyStore.setCertificateEntry(alias + ((certificates.size() == 1) ? "" : "-" + i),
							certificates.get(i));
				}
			}
			return keyStore;
		}
		catch (GeneralSecurityException | IOException | RuntimeException ex) {
			throw new MaterialLoadException(getBundleName(), what, store.certificate(),
					"a key store of type '%s' cannot be created: %s".formatted(store.type(), ex.getMessage()), ex);
		}
	}

	/**
	 * The PEM details of a key store or trust store.
	 *
	 * @param type the key store type to build, or {@code null} for the default
	 * @param certificate the certificate location
	 * @param privateKey the private key location, or {@code null}
	 * @param privateKeyPassword the password of an encrypted private key, or {@code null}
	 */
	public record Store(String type, MaterialLocation certificate, MaterialLocation privateKey,
			String privateKeyPassword) {

		@Override
		public String toString() {
			return "Store[type=" + this.type + ", certificate=" + this.certificate + ", privateKey=" + this.privateKey
					+ "]";
		}

	}

}
