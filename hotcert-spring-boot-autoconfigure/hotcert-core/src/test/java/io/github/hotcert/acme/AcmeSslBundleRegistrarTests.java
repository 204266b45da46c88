package io.github.hotcert.acme;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;

import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link AcmeSslBundleRegistrar}.
 */
class AcmeSslBundleRegistrarTests {

	private final TestCertificates certificates = TestCertificates.now();

	@TempDir
	Path storage;

	@Test
	void registersATemporaryCertificateWhenNothingIsStored() throws Exception {
		AcmeBundles bundles = bundles();
		DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
		new AcmeSslBundleRegistrar(bundles, Clock.systemUTC()).registerBundles(registry);
		X509Certificate served = served(registry.getBundle("web"));
		assertThat(TemporaryCertificate.isTemporary(served)).isTrue();
		assertThat(bundles.getBundle("web").getStatus().getState()).isEqualTo(AcmeState.PENDING);
		assertThat(bundles.getBundle("web").files().readChain()).containsExactly(served);
	}

	@Test
	void registersTheStoredCertificateAsItIs() throws Exception {
		AcmeBundles bundles = bundles();
		Issued issued = this.certificates.issue(this.certificates.leaf("web.example"),
				this.certificates.authority("registrar test CA"));
		BundleStorage files = bundles.getBundle("web").files();
		files.publish(files.stage(issued.chain(), issued.keyPair().getPrivate()));
		DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
		new AcmeSslBundleRegistrar(bundles, Clock.systemUTC()).registerBundles(registry);
		assertThat(served(registry.getBundle("web"))).isEqualTo(issued.certificate());
		assertThat(bundles.getBundle("web").getStatus().isTemporary()).isFalse();
	}

	@Test
	void replacesAnUnreadableCertificateWithATemporaryOne() throws Exception {
		AcmeBundles bundles = bundles();
		BundleStorage files = bundles.getBundle("web").files();
		Issued issued = this.certificates.selfSigned(this.certificates.leaf("web.example"));
		files.publish(files.stage(issued.chain(), issued.keyPair().getPrivate()));
		Files.writeString(files.certificateFile(), "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n");
		DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
		new AcmeSslBundleRegistrar(bundles, Clock.systemUTC()).registerBundles(registry);
		assertThat(TemporaryCertificate.isTemporary(served(registry.getBundle("web")))).isTrue();
	}

	@Test
	void refusesABundleNameThatIsRegisteredAlready() {
		DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
		registry.registerBundle("web", SslBundle.of(null));
		assertThatIllegalStateException()
			.isThrownBy(() -> new AcmeSslBundleRegistrar(bundles(), Clock.systemUTC()).registerBundles(registry))
			.withMessageContaining("SSL bundle 'web' is configured twice: as hotcert.acme.bundle.web and under "
					+ "spring.ssl.bundle");
	}

	private static X509Certificate served(SslBundle bundle) throws Exception {
		var store = bundle.getStores().getKeyStore();
		return (X509Certificate) store.getCertificate(store.aliases().nextElement());
	}

	private AcmeBundles bundles() {
		return TestAcmeBundles.of("web", this.storage);
	}

}
