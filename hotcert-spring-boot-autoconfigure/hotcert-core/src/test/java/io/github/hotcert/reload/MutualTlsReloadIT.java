package io.github.hotcert.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The client CAs of mutual TLS are reloaded like the server certificate: after the trust
 * store changes, a client certificate from the new CA is accepted and one from the
 * removed CA refused, on a real Tomcat with {@code client-auth: need}.
 */
class MutualTlsReloadIT {

	private final TestCertificates certificates = TestCertificates.now();

	@TempDir
	Path directory;

	private final Issued oldClientAuthority = this.certificates.authority("old client CA");

	private final Issued newClientAuthority = this.certificates.authority("new client CA");

	private final Issued server = this.certificates.issue(this.certificates.leaf("server"),
			this.certificates.authority("server CA"));

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	@Test
	void rotatedClientAuthorityInATrustStoreFileIsTrustedAndTheRemovedOneRefused() throws Exception {
		Path trustStore = this.directory.resolve("clients.p12");
		Files.write(trustStore,
				PemFiles.trustStore("PKCS12", List.of(this.oldClientAuthority.certificate()), "changeit"));
		int port = start("server.ssl.certificate=" + certificate(), "server.ssl.certificate-private-key=" + key(),
				"server.ssl.trust-store=" + trustStore, "server.ssl.trust-store-type=PKCS12",
				"server.ssl.trust-store-password=changeit", "server.ssl.client-auth=need");
		assertRotation(port, () -> PemFiles.replace(trustStore,
				PemFiles.trustStore("PKCS12", List.of(this.newClientAuthority.certificate()), "changeit")));
	}

	@Test
	void rotatedClientAuthorityInAPemBundleIsTrustedAndTheRemovedOneRefused() throws Exception {
		Path trusted = this.directory.resolve("clients.crt");
		Files.writeString(trusted, PemFiles.certificate(this.oldClientAuthority.certificate()));
		int port = start(TestWebApplication.concat(TestWebApplication.pemBundle("web", certificate(), key()),
				new String[] { "spring.ssl.bundle.pem.web.truststore.certificate=" + trusted,
						"server.ssl.client-auth=need" }));
		assertRotation(port,
				() -> PemFiles.replace(trusted, PemFiles.certificate(this.newClientAuthority.certificate())));
	}

	private void assertRotation(int port, Runnable rotate) throws Exception {
		TlsClient oldClient = client("old client", this.oldClientAuthority);
		TlsClient newClient = client("new client", this.newClientAuthority);
		assertThat(oldClient.get(port, "/").body()).isEqualTo("ok");
		assertThatException().isThrownBy(() -> newClient.get(port, "/"));
		rotate.run();
		await().atMost(Duration.ofSeconds(20))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(newClient.get(port, "/").body()).isEqualTo("ok"));
		assertThatException().isThrownBy(() -> oldClient.get(port, "/"));
		assertThatException().isThrownBy(() -> TlsClient.create().get(port, "/"));
		assertThat(newClient.servedSerial(port)).isEqualTo(this.server.serialHex());
	}

	private int start(String... properties) throws Exception {
		Files.writeString(certificate(), PemFiles.certificates(this.server.chain()));
		Files.writeString(key(), PemFiles.pkcs8(this.server.keyPair().getPrivate()));
		this.application.run(properties);
		return this.application.port();
	}

	private TlsClient client(String commonName, Issued authority) {
		return TlsClient.create()
			.withClientCertificate(this.certificates.issue(this.certificates.leaf(commonName), authority));
	}

	private Path certificate() {
		return this.directory.resolve("tls.crt");
	}

	private Path key() {
		return this.directory.resolve("tls.key");
	}

}
