package io.github.hotcert.server.jetty;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link JettySslApplier}: what happens to a started {@link SslContextFactory}
 * (the served certificate over real connections is proven by the integration tests).
 */
class JettySslApplierTests {

	private final TestCertificates certificates = TestCertificates.now();

	private final Issued authority = this.certificates.authority("hotcert Jetty CA");

	private final Issued first = issue("first.example");

	private final SslContextFactory.Server factory = new SslContextFactory.Server();

	@BeforeEach
	void start() throws Exception {
		this.factory.setKeyStore(keyStore(this.first));
		this.factory.setKeyStorePassword("secret");
		this.factory.setKeyManagerPassword("secret");
		this.factory.setIncludeProtocols("TLSv1.2");
		this.factory.setNeedClientAuth(true);
		this.factory.start();
	}

	@AfterEach
	void stop() throws Exception {
		this.factory.stop();
	}

	@Test
	void reloadsTheFactoryWithTheNewKeyStoreAndKeepsItsOtherSettings() throws Exception {
		Issued second = issue("second.example");
		JettySslApplier.update(this.factory, "jetty https port 8443",
				SslBundle.of(SslStoreBundle.of(keyStore(second), "secret", null), SslBundleKey.of("secret")));
		assertThat(servedCertificate()).isEqualTo(second.certificate());
		assertThat(this.factory.newSSLEngine().getEnabledProtocols()).containsExactly("TLSv1.2");
		assertThat(this.factory.newSSLEngine().getNeedClientAuth()).isTrue();
	}

	@Test
	void servesThePreviousMaterialWhenItIsAppliedAgainAfterJettyRefusedTheNewOne() throws Exception {
		SslBundle previous = SslBundle.of(SslStoreBundle.of(keyStore(this.first), "secret", null),
				SslBundleKey.of("secret"));
		Issued second = issue("second.example");
		SslBundle wrongKeyPassword = SslBundle.of(SslStoreBundle.of(keyStore(second), "secret", null),
				SslBundleKey.of("wrong", "jetty"));
		assertThatIllegalStateException()
			.isThrownBy(() -> JettySslApplier.update(this.factory, "jetty https port 8443", wrongKeyPassword))
			.withMessageStartingWith("Jetty refused the new material on jetty https port 8443: ");
		JettySslApplier.update(this.factory, "jetty https port 8443", previous);
		assertThat(this.factory.getCertAlias()).as("nothing of the refused bundle is left").isNull();
		assertThat(servedCertificate()).isEqualTo(this.first.certificate());
		assertThat(this.factory.newSSLEngine().getEnabledProtocols()).containsExactly("TLSv1.2");
		assertThat(this.factory.newSSLEngine().getNeedClientAuth()).isTrue();
	}

	private X509Certificate servedCertificate() throws Exception {
		KeyStore keyStore = this.factory.getKeyStore();
		return (X509Certificate) keyStore.getCertificate(keyStore.aliases().nextElement());
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

	private static KeyStore keyStore(Issued issued) throws Exception {
		KeyStore keyStore = KeyStore.getInstance("JKS");
		keyStore.load(new ByteArrayInputStream(PemFiles.keyStore("JKS", "jetty", issued, "secret", "secret")),
				"secret".toCharArray());
		return keyStore;
	}

}
