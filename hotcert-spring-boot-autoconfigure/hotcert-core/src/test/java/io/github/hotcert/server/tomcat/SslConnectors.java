package io.github.hotcert.server.tomcat;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.net.SSLHostConfigCertificate.Type;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * Tomcat connectors built from SSL bundles the way Spring Boot configures the connector
 * of its own web server, for tests that add connectors to a Tomcat: with
 * {@code addAdditionalTomcatConnectors} (Spring Boot 3.5),
 * {@code addAdditionalConnectors} (Spring Boot 4) or by hand. Every connector listens on
 * port 0 and loopback. Only Tomcat's API is used, the same on every Spring Boot line.
 */
public final class SslConnectors {

	private SslConnectors() {
	}

	/**
	 * Create an HTTPS connector whose default host serves the key of the given bundle.
	 * @param bundle the bundle
	 * @return the connector
	 */
	public static Connector https(SslBundle bundle) {
		Connector connector = http();
		connector.setScheme("https");
		connector.setSecure(true);
		AbstractHttp11Protocol<?> protocol = protocol(connector);
		protocol.setSSLEnabled(true);
		addHostConfig(connector, protocol.getDefaultSSLHostConfigName(), bundle);
		return connector;
	}

	/**
	 * Create a connector without SSL.
	 * @return the connector
	 */
	public static Connector http() {
		Connector connector = new Connector(Http11NioProtocol.class.getName());
		connector.setPort(0);
		protocol(connector).setAddress(loopback());
		return connector;
	}

	/**
	 * Add an SSL host config for a host name, such as an SNI host name, that serves the
	 * key of the given bundle.
	 * @param connector the connector
	 * @param hostName the host name
	 * @param bundle the bundle
	 */
	public static void addHostConfig(Connector connector, String hostName, SslBundle bundle) {
		SSLHostConfig config = new SSLHostConfig();
		config.setHostName(hostName);
		SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(config, Type.UNDEFINED);
		SslStoreBundle stores = bundle.getStores();
		SslBundleKey key = bundle.getKey();
		certificate.setCertificateKeystore(stores.getKeyStore());
		certificate
			.setCertificateKeystorePassword((stores.getKeyStorePassword() != null) ? stores.getKeyStorePassword() : "");
		if (key.getPassword() != null) {
			certificate.setCertificateKeyPassword(key.getPassword());
		}
		if (key.getAlias() != null) {
			certificate.setCertificateKeyAlias(key.getAlias());
		}
		config.addCertificate(certificate);
		if (stores.getTrustStore() != null) {
			config.setTrustStore(stores.getTrustStore());
		}
		protocol(connector).addSslHostConfig(config);
	}

	/**
	 * Return the protocol of a connector.
	 * @param connector the connector
	 * @return its protocol
	 */
	public static AbstractHttp11Protocol<?> protocol(Connector connector) {
		return (AbstractHttp11Protocol<?>) connector.getProtocolHandler();
	}

	private static InetAddress loopback() {
		try {
			return InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
