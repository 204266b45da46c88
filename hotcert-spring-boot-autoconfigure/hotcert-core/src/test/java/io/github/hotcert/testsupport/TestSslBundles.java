package io.github.hotcert.testsupport;

import java.security.KeyStore;
import java.security.cert.X509Certificate;

import io.github.hotcert.testsupport.TestCertificates.Issued;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * SSL bundles built in memory from a test certificate, for tests that hand a bundle to a
 * web server without a registry or files.
 */
public final class TestSslBundles {

	/**
	 * The alias of the key entry.
	 */
	public static final String ALIAS = "server";

	/**
	 * The password of the key store and of its key entry.
	 */
	public static final String PASSWORD = "secret";

	private TestSslBundles() {
	}

	/**
	 * Return a bundle whose PKCS#12 key store holds the certificate, its chain and its
	 * key, and that names no key alias.
	 * @param issued the certificate
	 * @return the bundle
	 */
	public static SslBundle of(Issued issued) {
		return of(issued, SslBundleKey.NONE);
	}

	/**
	 * Return a bundle whose PKCS#12 key store holds the certificate, its chain and its
	 * key, with the given key settings.
	 * @param issued the certificate
	 * @param key the key settings, such as an alias
	 * @return the bundle
	 */
	public static SslBundle of(Issued issued, SslBundleKey key) {
		try {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(null);
			keyStore.setKeyEntry(ALIAS, issued.keyPair().getPrivate(), PASSWORD.toCharArray(),
					issued.chain().toArray(X509Certificate[]::new));
			return SslBundle.of(SslStoreBundle.of(keyStore, PASSWORD, null), key);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
