package io.github.hotcert.server.tomcat;

import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.hotcert.server.ServerSsl;
import io.github.hotcert.server.ServerSslApplier;
import io.github.hotcert.server.SslTarget;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.ProtocolHandler;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;

/**
 * A {@link ServerSslApplier} for embedded Tomcat. A new bundle is applied to the
 * connector's existing {@link SSLHostConfig} in place (key store, passwords, alias and
 * trust store) and the host config is then reloaded by Tomcat: every other setting of the
 * host config, such as client authentication, protocols and ciphers, is kept. Tomcat
 * builds a new SSL context for new handshakes; open connections keep theirs.
 */
public class TomcatSslApplier implements ServerSslApplier {

	@Override
	public boolean supports(WebServer webServer) {
		return webServer instanceof TomcatWebServer;
	}

	@Override
	public List<SslTarget> getTargets(WebServer webServer, ServerSsl ssl) {
		Connector connector = ((TomcatWebServer) webServer).getTomcat().getConnector();
		ProtocolHandler handler = connector.getProtocolHandler();
		if (!(handler instanceof AbstractHttp11Protocol<?> protocol) || !protocol.isSSLEnabled()) {
			return List.of();
		}
		String prefix = "tomcat %s port %d".formatted(connector.getScheme(), connector.getLocalPort());
		List<SslTarget> targets = new ArrayList<>();
		targets.add(new SslTarget(ssl.defaultBundle(), null, prefix + " (default host)",
				(bundle) -> update(protocol, protocol.getDefaultSSLHostConfigName(), bundle)));
		ssl.serverNameBundles()
			.forEach((serverName, bundleName) -> targets.add(new SslTarget(bundleName, serverName,
					prefix + " (host " + serverName + ")", (bundle) -> update(protocol, serverName, bundle))));
		return targets;
	}

	/**
	 * Apply a bundle to the host config of the given host name and reload it. If Tomcat
	 * refuses the bundle, the host config is restored and Tomcat keeps serving the
	 * previous material.
	 * @param protocol the connector's protocol
	 * @param hostName the host name of the host config
	 * @param bundle the bundle to apply
	 */
	static void update(AbstractHttp11Protocol<?> protocol, String hostName, SslBundle bundle) {
		SSLHostConfig config = Arrays.stream(protocol.findSslHostConfigs())
			.filter((candidate) -> candidate.getHostName().equalsIgnoreCase(hostName))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"Tomcat has no SSL host config for host '%s' on port %d".formatted(hostName, protocol.getPort())));
		HostConfigState previous = HostConfigState.of(config);
		try {
			apply(config, bundle);
			protocol.reloadSslHostConfig(hostName);
		}
		catch (RuntimeException ex) {
			previous.restore(config);
			throw new IllegalStateException("Tomcat refused the new material for host '%s' on port %d: %s"
				.formatted(hostName, protocol.getPort(), ex.getMessage()), ex);
		}
	}

	private static void apply(SSLHostConfig config, SslBundle bundle) {
		SslStoreBundle stores = bundle.getStores();
		for (SSLHostConfigCertificate certificate : config.getCertificates()) {
			if (stores.getKeyStore() != null) {
				certificate.setCertificateKeystore(stores.getKeyStore());
				certificate.setCertificateKeystorePassword(
						(stores.getKeyStorePassword() != null) ? stores.getKeyStorePassword() : "");
			}
			if (bundle.getKey().getPassword() != null) {
				certificate.setCertificateKeyPassword(bundle.getKey().getPassword());
			}
			if (bundle.getKey().getAlias() != null) {
				certificate.setCertificateKeyAlias(bundle.getKey().getAlias());
			}
		}
		if (stores.getTrustStore() != null) {
			config.setTrustStore(stores.getTrustStore());
		}
	}

	private record HostConfigState(KeyStore trustStore, List<CertificateState> certificates) {

		static HostConfigState of(SSLHostConfig config) {
			List<CertificateState> certificates = config.getCertificates().stream().map(CertificateState::of).toList();
			return new HostConfigState(trustStore(config), certificates);
		}

		private static KeyStore trustStore(SSLHostConfig config) {
			try {
				return config.getTruststore();
			}
			catch (Exception ex) {
				return null;
			}
		}

		void restore(SSLHostConfig config) {
			int index = 0;
			for (SSLHostConfigCertificate certificate : config.getCertificates()) {
				if (index < this.certificates.size()) {
					this.certificates.get(index++).restore(certificate);
				}
			}
			if (this.trustStore != null) {
				config.setTrustStore(this.trustStore);
			}
		}

	}

	private record CertificateState(KeyStore keyStore, String keyStorePassword, String keyPassword, String alias) {

		static CertificateState of(SSLHostConfigCertificate certificate) {
			return new CertificateState(keyStore(certificate), certificate.getCertificateKeystorePassword(),
					certificate.getCertificateKeyPassword(), certificate.getCertificateKeyAlias());
		}

		private static KeyStore keyStore(SSLHostConfigCertificate certificate) {
			try {
				return certificate.getCertificateKeystore();
			}
			catch (Exception ex) {
				return null;
			}
		}

		void restore(SSLHostConfigCertificate certificate) {
			if (this.keyStore != null) {
				certificate.setCertificateKeystore(this.keyStore);
			}
			certificate.setCertificateKeystorePassword(this.keyStorePassword);
			certificate.setCertificateKeyPassword(this.keyPassword);
			certificate.setCertificateKeyAlias(this.alias);
		}

		@Override
		public String toString() {
			return "CertificateState[alias=" + this.alias + "]";
		}

	}

}
