package io.github.hotcert.server.tomcat;

import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import io.github.hotcert.server.ServerSsl;
import io.github.hotcert.server.ServerSslApplier;
import io.github.hotcert.server.SslTarget;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.web.server.WebServer;
import org.springframework.util.Assert;

/**
 * A {@link ServerSslApplier} for embedded Tomcat. A new bundle is applied to the
 * connector's existing {@link SSLHostConfig} in place (key store, passwords, alias and
 * trust store) and the host config is then reloaded by Tomcat: every other setting of the
 * host config, such as client authentication, protocols and ciphers, is kept. Tomcat
 * builds a new SSL context for new handshakes; open connections keep theirs. Every SSL
 * connector that serves the bundle is updated: the server's own, and those the
 * application adds ({@code addAdditionalTomcatConnectors}) that serve the same
 * certificate.
 */
public class TomcatSslApplier implements ServerSslApplier {

	private final Function<WebServer, Tomcat> tomcat;

	/**
	 * Create a new {@link TomcatSslApplier}.
	 * @param tomcat the Tomcat of a web server, or {@code null} when the web server is
	 * not an embedded Tomcat (the web server classes differ between Spring Boot lines)
	 */
	public TomcatSslApplier(Function<WebServer, Tomcat> tomcat) {
		Assert.notNull(tomcat, "'tomcat' must not be null");
		this.tomcat = tomcat;
	}

	@Override
	public boolean supports(WebServer webServer) {
		return this.tomcat.apply(webServer) != null;
	}

	@Override
	public List<SslTarget> getTargets(WebServer webServer, ServerSsl ssl) {
		Tomcat tomcat = this.tomcat.apply(webServer);
		Connector primary = tomcat.getConnector();
		Certificate served = (primary.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol)
				? ServedCertificate.of(protocol) : null;
		List<SslTarget> targets = new ArrayList<>();
		for (Connector connector : tomcat.getService().findConnectors()) {
			if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol && protocol.isSSLEnabled()
					&& (connector == primary || servesSameCertificate(protocol, served))) {
				addTargets(targets, connector, protocol, ssl);
			}
		}
		return targets;
	}

	/**
	 * Return whether a connector the application added serves the certificate of the
	 * server's own connector, and therefore the same bundle. A connector with material of
	 * its own is left alone.
	 */
	private static boolean servesSameCertificate(AbstractHttp11Protocol<?> protocol, Certificate served) {
		return served != null && served.equals(ServedCertificate.of(protocol));
	}

	private void addTargets(List<SslTarget> targets, Connector connector, AbstractHttp11Protocol<?> protocol,
			ServerSsl ssl) {
		String prefix = "tomcat %s port %d".formatted(connector.getScheme(), connector.getLocalPort());
		targets.add(new SslTarget(ssl.defaultBundle(), null, prefix + " (default host)",
				(bundle) -> update(protocol, protocol.getDefaultSSLHostConfigName(), bundle)));
		ssl.serverNameBundles().forEach((serverName, bundleName) -> {
			if (hasHostConfig(protocol, serverName)) {
				targets.add(new SslTarget(bundleName, serverName, prefix + " (host " + serverName + ")",
						(bundle) -> update(protocol, serverName, bundle)));
			}
		});
	}

	private static boolean hasHostConfig(AbstractHttp11Protocol<?> protocol, String hostName) {
		return Arrays.stream(protocol.findSslHostConfigs())
			.anyMatch((config) -> config.getHostName().equalsIgnoreCase(hostName));
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
