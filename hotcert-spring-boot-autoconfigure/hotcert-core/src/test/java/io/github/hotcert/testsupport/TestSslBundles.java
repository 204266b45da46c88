package io.github.hotcert.testsupport;

import java.security.KeyStore;
import java.security.cert.X509Certificate;

import io.github.hotcert.testsupport.TestCertificates.Issued;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * SSL bundles built in memory from test certificates, for tests that hand a bundle to a
 * web server or a client without a registry or files.
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
		return SslBundle.of(SslStoreBundle.of(keyStore(issued), PASSWORD, null), key);
	}

	/**
	 * Return a bundle whose PKCS#12 key store holds the certificate, its chain and its
	 * key, and whose trust store holds the given certificates.
	 * @param issued the certificate
	 * @param trusted the trusted certificates
	 * @return the bundle
	 */
	public static SslBundle of(Issued issued, X509Certificate... trusted) {
		return SslBundle.of(SslStoreBundle.of(keyStore(issued), PASSWORD, trustStore(trusted)));
	}

	/**
	 * Return a bundle with a trust store only.
	 * @param trusted the trusted certificates
	 * @return the bundle
	 */
	public static SslBundle trusting(X509Certificate... trusted) {
		return SslBundle.of(SslStoreBundle.of(null, null, trustStore(trusted)));
	}

	private static KeyStore keyStore(Issued issued) {
		try {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(null);
			keyStore.setKeyEntry(ALIAS, issued.keyPair().getPrivate(), PASSWORD.toCharArray(),
					issued.chain().toArray(X509Certificate[]::new));
			return keyStore;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyStore trustStore(X509Certificate... trusted) {
		try {
			KeyStore trustStore = KeyStore.getInstance("PKCS12");
			trustStore.load(null);
			for (int i = 0; i < trusted.length; i++) {
				trustStore.setCertificateEntry("trusted-" + i, trusted[i]);
			}
			return trustStore;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
