package io.github.hotcert.actuate;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Application code that installs a certificate it fetched itself (from a vault, say)
 * through Spring Boot's {@link SslBundleRegistry#updateBundle} on a bundle that hotcert
 * manages: a valid bundle is served on a real handshake and reported like any reload; a
 * bundle whose key does not match its certificate is refused, the previous certificate
 * keeps being served and the reason is reported.
 */
class RegistryUpdateIT {

	private final TlsClient tls = TlsClient.create();

	@RegisterExtension
	final CertificatesApplication app = new CertificatesApplication();

	@Test
	void aValidBundleOfApplicationCodeIsServedAndReportedWithItsHistory() throws Exception {
		this.app.start(new Class<?>[] { ApplicationCode.class });
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(this.app.first().serialHex());
		Issued second = this.app.issue("second.example");
		installer().install(second, second);
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(second.serialHex());
		JsonNode web = this.app.web();
		assertThat(web.path("served").path("chain").path(0).path("serialNumber").asText())
			.isEqualTo(second.serialHex());
		assertThat(web.path("served").hasNonNull("contentHash")).as("not read from the files").isFalse();
		JsonNode last = web.path("lastReload");
		assertThat(last.path("trigger").asText()).isEqualTo("registry");
		assertThat(last.path("outcome").asText()).isEqualTo("reloaded");
		assertThat(last.path("previousSerial").asText()).isEqualTo(this.app.first().serialHex());
		assertThat(last.path("newSerial").asText()).isEqualTo(second.serialHex());
		assertThat(web.path("reloads").asLong()).isOne();
		assertThat(web.path("pendingChange").asBoolean()).isFalse();
		assertThat(web.path("history")).hasSize(2);
		assertThat(web.path("history").path(0).path("trigger").asText()).isEqualTo("registry");
		assertThat(web.path("history").path(1).path("trigger").asText()).isEqualTo("startup");
		Map<String, Object> health = health();
		assertThat(health).containsEntry("serialNumber", second.serialHex())
			.doesNotContainKeys("lastReloadRejected", "notServed");
	}

	@Test
	void aBundleOfApplicationCodeWithAMismatchedKeyIsRefusedAndThePreviousCertificateKeepsBeingServed()
			throws Exception {
		this.app.start(new Class<?>[] { ApplicationCode.class });
		Issued third = this.app.issue("third.example");
		Issued other = this.app.issue("other.example");
		assertThatIllegalArgumentException().isThrownBy(() -> installer().install(third, other))
			.withMessageStartingWith("SSL bundle 'web' was not updated (key-match): ")
			.withMessageContaining("does not match certificate CN=third.example serial " + third.serialHex());
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(this.app.first().serialHex());
		JsonNode web = this.app.web();
		assertThat(web.path("served").path("chain").path(0).path("serialNumber").asText())
			.isEqualTo(this.app.first().serialHex());
		JsonNode last = web.path("lastReload");
		assertThat(last.path("trigger").asText()).isEqualTo("registry");
		assertThat(last.path("outcome").asText()).isEqualTo("rejected");
		assertThat(last.path("reason").asText()).isEqualTo("key-match");
		assertThat(last.path("message").asText()).contains("SslBundleRegistry.updateBundle(\"web\")")
			.contains("does not match certificate CN=third.example");
		assertThat(web.path("rejections").asLong()).isOne();
		assertThat(web.path("history")).hasSize(2);
		assertThat(health()).containsKey("lastReloadRejected");
	}

	private CertificateInstaller installer() {
		return this.app.context().getBean(CertificateInstaller.class);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> health() {
		return (Map<String, Object>) this.app.context().getBean(CertificatesHealth.class).check().details().get("web");
	}

	/**
	 * What an application that fetches its certificates itself does with them.
	 */
	static class CertificateInstaller {

		private final SslBundleRegistry registry;

		CertificateInstaller(SslBundleRegistry registry) {
			this.registry = registry;
		}

		void install(Issued certificate, Issued key) {
			PemSslStoreDetails details = PemSslStoreDetails.forCertificate(PemFiles.certificates(certificate.chain()))
				.withPrivateKey(PemFiles.pkcs8(key.keyPair().getPrivate()));
			this.registry.updateBundle("web", SslBundle.of(new PemSslStoreBundle(details, null)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationCode {

		@Bean
		CertificateInstaller certificateInstaller(SslBundleRegistry registry) {
			return new CertificateInstaller(registry);
		}

	}

}
