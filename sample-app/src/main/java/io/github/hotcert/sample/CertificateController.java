package io.github.hotcert.sample;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows which certificate the server currently serves, so that a rotation is visible from
 * a browser or curl.
 */
@RestController
class CertificateController {

	private final SslBundles sslBundles;

	private final String bundleName;

	CertificateController(SslBundles sslBundles, @Value("${server.ssl.bundle:web}") String bundleName) {
		this.sslBundles = sslBundles;
		this.bundleName = bundleName;
	}

	@GetMapping(path = "/", produces = "text/plain")
	String served() throws KeyStoreException {
		X509Certificate certificate = servedCertificate();
		if (certificate == null) {
			return "hotcert sample: no certificate found in SSL bundle '" + this.bundleName + "'\n";
		}
		return """
				hotcert sample: serving SSL bundle '%s'
				subject: %s
				serial:  %s
				expires: %s
				""".formatted(this.bundleName, certificate.getSubjectX500Principal().getName(),
				certificate.getSerialNumber().toString(16), certificate.getNotAfter().toInstant());
	}

	private X509Certificate servedCertificate() throws KeyStoreException {
		SslBundle bundle = this.sslBundles.getBundle(this.bundleName);
		KeyStore keyStore = bundle.getStores().getKeyStore();
		String alias = bundle.getKey().getAlias();
		if (alias == null) {
			alias = Collections.list(keyStore.aliases())
				.stream()
				.filter((name) -> isKey(keyStore, name))
				.findFirst()
				.orElse(null);
		}
		Certificate[] chain = (alias != null) ? keyStore.getCertificateChain(alias) : null;
		return (chain != null && chain.length > 0) ? (X509Certificate) chain[0] : null;
	}

	private static boolean isKey(KeyStore keyStore, String alias) {
		try {
			return keyStore.isKeyEntry(alias);
		}
		catch (KeyStoreException ex) {
			return false;
		}
	}

}
