package io.github.hotcert.source;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.hotcert.source.PemParser.PemFormatException;

import org.springframework.util.StringUtils;

/**
 * A {@link StoreSource} for PEM certificates and an optional private key, built into a
 * key store the way Spring Boot builds it for a PEM bundle.
 */
final class PemStoreSource extends StoreSource {

	private static final String DEFAULT_ALIAS = "ssl";

	private final String type;

	private final MaterialLocation certificate;

	private final MaterialLocation privateKey;

	private final String privateKeyPassword;

	PemStoreSource(String type, MaterialLocation certificate, MaterialLocation privateKey, String privateKeyPassword) {
		this.type = type;
		this.certificate = certificate;
		this.privateKey = privateKey;
		this.privateKeyPassword = privateKeyPassword;
	}

	@Override
	public String getType() {
		return "pem";
	}

	@Override
	public List<MaterialLocation> getLocations() {
		List<MaterialLocation> locations = new ArrayList<>();
		locations.add(this.certificate);
		if (this.privateKey != null) {
			locations.add(this.privateKey);
		}
		return locations;
	}

	@Override
	LoadedStore load(LoadContext context) {
		List<X509Certificate> certificates = parseCertificates(context,
				context.read(context.trust() ? "trusted certificate" : "certificate", this.certificate));
		PrivateKey key = null;
		if (this.privateKey != null) {
			MaterialContent keyContent = context.read("private key", this.privateKey);
			try {
				key = PemParser.parsePrivateKey(keyContent, this.privateKeyPassword);
			}
			catch (PemFormatException ex) {
				throw new MaterialLoadException(context.bundleName(), "private key", this.privateKey, ex.getMessage(),
						ex);
			}
		}
		String alias = (!context.trust() && StringUtils.hasText(context.key().getAlias())) ? context.key().getAlias()
				: DEFAULT_ALIAS;
		String keyPassword = context.trust() ? null : context.key().getPassword();
		KeyMaterial keyMaterial = (key != null)
				? new KeyMaterial(alias, key, certificates, this.privateKey, this.certificate) : null;
		try {
			KeyStore keyStore = createKeyStore(context, alias, keyPassword, keyMaterial, certificates);
			return new LoadedStore(keyStore, null, null, keyMaterial, certificates, this.certificate);
		}
		catch (MaterialLoadException ex) {
			// The certificates are parsed: the checks report what is wrong with them
			// first
			return new LoadedStore(null, ex, null, keyMaterial, certificates, this.certificate);
		}
	}

	private List<X509Certificate> parseCertificates(LoadContext context, MaterialContent content) {
		try {
			return PemParser.parseCertificates(content);
		}
		catch (PemFormatException ex) {
			throw new MaterialLoadException(context.bundleName(),
					context.trust() ? "trusted certificate" : "certificate", content.location(), ex.getMessage(), ex);
		}
	}

	private KeyStore createKeyStore(LoadContext context, String alias, String keyPassword, KeyMaterial key,
			List<X509Certificate> certificates) {
		String typeToUse = StringUtils.hasText(this.type) ? this.type : KeyStore.getDefaultType();
		KeyStore keyStore;
		try {
			keyStore = KeyStore.getInstance(typeToUse);
		}
		catch (KeyStoreException ex) {
			throw new MaterialLoadException(context.bundleName(), context.storeName(), this.certificate,
					"a key store of type '%s' cannot be created: the type is not supported".formatted(typeToUse), ex);
		}
		try {
			keyStore.load(null);
			if (key != null) {
				InMemoryKeyStores.setKeyEntry(keyStore, typeToUse, alias, key.privateKey(),
						(keyPassword != null) ? keyPassword.toCharArray() : null,
						certificates.toArray(X509Certificate[]::new));
			}
			else {
				for (int i = 0; i < certificates.size(); i++) {
					keyStore.setCertificateEntry(alias + ((certificates.size() == 1) ? "" : "-" + i),
							certificates.get(i));
				}
			}
			return keyStore;
		}
		catch (GeneralSecurityException | IOException | RuntimeException ex) {
			String chainProblem = (key != null) ? chainOrderProblem(certificates, typeToUse) : null;
			if (chainProblem != null) {
				throw new MaterialLoadException(context.bundleName(), "certificate", this.certificate, chainProblem,
						ex);
			}
			throw new MaterialLoadException(context.bundleName(), context.storeName(), this.certificate,
					"a key store of type '%s' cannot be created from the certificates and the private key"
						.formatted(typeToUse),
					ex);
		}
	}

	/**
	 * Describe why the certificates are not a chain in file order, which a PKCS#12 key
	 * store requires of a key entry.
	 */
	private static String chainOrderProblem(List<X509Certificate> certificates, String type) {
		ChainOrder.Problem problem = ChainOrder.firstBrokenLink(certificates);
		if (problem == null || problem.kind() != ChainOrder.Kind.NOT_ISSUED_BY_NEXT) {
			return null;
		}
		return "the certificates are not in chain order (the leaf first, then each issuer), which a key store of "
				+ "type '%s' requires: %s".formatted(type, problem.describe(null));
	}

	@Override
	public String toString() {
		return "PEM store[certificate=" + this.certificate + ", privateKey=" + this.privateKey + "]";
	}

	@Override
	public boolean equals(Object obj) {
		if (this == obj) {
			return true;
		}
		return obj instanceof PemStoreSource other && Objects.equals(this.type, other.type)
				&& this.certificate.equals(other.certificate) && Objects.equals(this.privateKey, other.privateKey)
				&& Objects.equals(this.privateKeyPassword, other.privateKeyPassword);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.type, this.certificate, this.privateKey);
	}

}
