package io.github.hotcert.server.tomcat;

import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * The certificate a Tomcat connector serves to clients that send no known host name: how
 * {@link TomcatSslApplier} tells whether a connector the application added serves the
 * same bundle as the server's own connector.
 */
final class ServedCertificate {

	private ServedCertificate() {
	}

	/**
	 * Return the certificate the default host config of a protocol serves.
	 * @param protocol the protocol of a connector
	 * @return the first certificate of the key entry of its default host config, or
	 * {@code null} when it has none that can be read
	 */
	static Certificate of(AbstractHttp11Protocol<?> protocol) {
		for (SSLHostConfig config : protocol.findSslHostConfigs()) {
			if (config.getHostName().equalsIgnoreCase(protocol.getDefaultSSLHostConfigName())) {
				for (SSLHostConfigCertificate certificate : config.getCertificates()) {
					Certificate served = of(certificate);
					if (served != null) {
						return served;
					}
				}
			}
		}
		return null;
	}

	private static Certificate of(SSLHostConfigCertificate certificate) {
		try {
			KeyStore keyStore = certificate.getCertificateKeystore();
			if (keyStore == null) {
				return null;
			}
			String alias = certificate.getCertificateKeyAlias();
			if (alias == null) {
				alias = Collections.list(keyStore.aliases())
					.stream()
					.filter((name) -> isKeyEntry(keyStore, name))
					.findFirst()
					.orElse(null);
			}
			return (alias != null) ? keyStore.getCertificate(alias) : null;
		}
		catch (Exception ex) {
			return null;
		}
	}

	private static boolean isKeyEntry(KeyStore keyStore, String alias) {
		try {
			return keyStore.isKeyEntry(alias);
		}
		catch (Exception ex) {
			return false;
		}
	}

}
