package io.github.hotcert.server.tomcat;

import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

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

	private static final String PKCS12 = "PKCS12";

	private static final String IN_MEMORY_KEY_STORE_TYPE = "JKS";

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
		Set<String> hostNames = Arrays.stream(protocol.findSslHostConfigs())
			.map((config) -> config.getHostName().toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		ssl.serverNameBundles().forEach((serverName, bundleName) -> {
			if (hostNames.contains(serverName.toLowerCase(Locale.ROOT))) {
				targets.add(new SslTarget(bundleName, serverName, prefix + " (host " + serverName + ")",
						(bundle) -> update(protocol, serverName, bundle)));
			}
		});
	}

	/**
	 * Apply a bundle to the host config of the given host name and reload it. Tomcat
	 * builds the new SSL context before it swaps it in: if it refuses the bundle, it
	 * keeps serving the previous material, and the host config holds the refused settings
	 * until the previous bundle is applied again (see {@link SslTarget}).
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
		try {
			apply(config, bundle);
			protocol.reloadSslHostConfig(hostName);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Tomcat refused the new material for host '%s' on port %d: %s"
				.formatted(hostName, protocol.getPort(), ex.getMessage()), ex);
		}
	}

	/**
	 * Set every setting that Spring Boot takes from a bundle when it configures the host
	 * config, from this bundle alone.
	 */
	private static void apply(SSLHostConfig config, SslBundle bundle) {
		SslStoreBundle stores = bundle.getStores();
		KeyStore keyStore = stores.getKeyStore();
		for (SSLHostConfigCertificate certificate : config.getCertificates()) {
			certificate.setCertificateKeystore(keyStore);
			if (keyStore != null && PKCS12.equalsIgnoreCase(keyStore.getType())) {
				// Tomcat copies the key into an in-memory key store of this type. A
				// PKCS#12 copy would protect it with 10 000 PBKDF2 iterations again,
				// and read it back with as many, on every reload; JKS protects it at
				// almost no cost
				certificate.setCertificateKeystoreType(IN_MEMORY_KEY_STORE_TYPE);
			}
			certificate.setCertificateKeystorePassword(
					(stores.getKeyStorePassword() != null) ? stores.getKeyStorePassword() : "");
			certificate.setCertificateKeyPassword(bundle.getKey().getPassword());
			certificate.setCertificateKeyAlias(bundle.getKey().getAlias());
		}
		config.setTrustStore(stores.getTrustStore());
	}

}
