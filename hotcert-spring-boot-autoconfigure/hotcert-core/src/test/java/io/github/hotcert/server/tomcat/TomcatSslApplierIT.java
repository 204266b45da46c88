package io.github.hotcert.server.tomcat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.KeyStore;

import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TlsClient;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link TomcatSslApplier} on a real Tomcat connector on loopback: what an update does to
 * the served certificate, read with real handshakes, when Tomcat takes it and when it
 * refuses it, and what applying the previous bundle again then does, as the reloader's
 * rollback does.
 */
class TomcatSslApplierIT {

	private final TestCertificates certificates = TestCertificates.now();

	private final Issued authority = this.certificates.authority("hotcert Tomcat CA");

	private final Issued first = this.certificates.issue(this.certificates.leaf("first.example"), this.authority);

	private final TlsClient tls = TlsClient.create();

	@TempDir
	Path baseDirectory;

	private Tomcat tomcat;

	private AbstractHttp11Protocol<?> protocol;

	private SslBundle firstBundle;

	@BeforeEach
	void start() throws Exception {
		this.firstBundle = bundle(this.first, null);
		this.tomcat = new Tomcat();
		this.tomcat.setBaseDir(this.baseDirectory.toString());
		Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
		connector.setPort(0);
		connector.setProperty("address", "127.0.0.1");
		connector.setScheme("https");
		connector.setSecure(true);
		this.protocol = (AbstractHttp11Protocol<?>) connector.getProtocolHandler();
		this.protocol.setSSLEnabled(true);
		SSLHostConfig config = new SSLHostConfig();
		config.setHostName(this.protocol.getDefaultSSLHostConfigName());
		config.setProtocols("TLSv1.2");
		SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(config,
				SSLHostConfigCertificate.Type.UNDEFINED);
		certificate.setCertificateKeystore(this.firstBundle.getStores().getKeyStore());
		certificate.setCertificateKeystorePassword("secret");
		certificate.setCertificateKeyPassword("secret");
		config.addCertificate(certificate);
		this.protocol.addSslHostConfig(config);
		this.tomcat.getService().addConnector(connector);
		this.tomcat.start();
	}

	@AfterEach
	void stop() throws Exception {
		this.tomcat.stop();
		this.tomcat.destroy();
	}

	@Test
	void newHandshakesGetTheNewCertificateAndKeepTheHostConfigsOtherSettings() throws Exception {
		Issued second = this.certificates.issue(this.certificates.leaf("second.example"), this.authority);
		TomcatSslApplier.update(this.protocol, this.protocol.getDefaultSSLHostConfigName(), bundle(second, null));
		assertThat(this.tls.servedSerial(port())).isEqualTo(second.serialHex());
		assertThat(this.tls.withProtocols("TLSv1.2").servedSerial(port())).isEqualTo(second.serialHex());
		assertThat(this.protocol.findSslHostConfigs()[0].getProtocols()).containsExactly("TLSv1.2");
	}

	@Test
	void aRefusedUpdateKeepsThePreviousCertificateServedUntilThePreviousBundleIsAppliedAgain() throws Exception {
		Issued second = this.certificates.issue(this.certificates.leaf("second.example"), this.authority);
		SslBundle wrongKeyPassword = SslBundle.of(SslStoreBundle.of(keyStore(second), "secret", null),
				SslBundleKey.of("wrong", "tomcat"));
		assertThatIllegalStateException()
			.isThrownBy(() -> TomcatSslApplier.update(this.protocol, this.protocol.getDefaultSSLHostConfigName(),
					wrongKeyPassword))
			.withMessageStartingWith("Tomcat refused the new material for host '_default_'");
		assertThat(this.tls.servedSerial(port())).as("Tomcat kept its SSL context").isEqualTo(this.first.serialHex());
		TomcatSslApplier.update(this.protocol, this.protocol.getDefaultSSLHostConfigName(), this.firstBundle);
		assertThat(this.protocol.findSslHostConfigs()[0].getCertificates()).singleElement()
			.satisfies((certificate) -> assertThat(certificate.getCertificateKeyAlias())
				.as("nothing of the refused bundle is left")
				.isNull());
		assertThat(this.tls.servedSerial(port())).isEqualTo(this.first.serialHex());
		Issued third = this.certificates.issue(this.certificates.leaf("third.example"), this.authority);
		TomcatSslApplier.update(this.protocol, this.protocol.getDefaultSSLHostConfigName(), bundle(third, null));
		assertThat(this.tls.servedSerial(port())).isEqualTo(third.serialHex());
	}

	private int port() {
		return this.tomcat.getService().findConnectors()[0].getLocalPort();
	}

	private static SslBundle bundle(Issued issued, String alias) throws Exception {
		return SslBundle.of(SslStoreBundle.of(keyStore(issued), "secret", null), SslBundleKey.of("secret", alias));
	}

	private static KeyStore keyStore(Issued issued) throws Exception {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		keyStore.load(new ByteArrayInputStream(PemFiles.keyStore("PKCS12", "tomcat", issued, "secret", "secret")),
				"secret".toCharArray());
		return keyStore;
	}

}
