package io.github.hotcert.clients;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import javax.net.ssl.SSLException;

import io.github.hotcert.actuate.BundleDescriptor;
import io.github.hotcert.actuate.CertificatesEndpoint;
import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ManagedBundle;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.testsupport.ClientCalls;
import io.github.hotcert.testsupport.KubernetesSecretVolume;
import io.github.hotcert.testsupport.MutualTlsServer;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.validation.BundleRole;
import io.github.hotcert.validation.Check;
import io.github.hotcert.validation.Finding;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The proof that TLS clients built once from a managed bundle follow its reloads, for
 * every client that a subclass's configuration builds at application start (each a
 * {@link ClientCalls} bean) and never rebuilds. The clients call a server on loopback
 * that requires a client certificate from the test's CA and answers with its serial
 * number, on a new connection each time. The bundle {@code client} is read from a
 * Kubernetes Secret volume ({@code tls.crt}, {@code tls.key}, {@code ca.crt}) and served
 * by no web server, so it is validated as a client's. The tests run in order, each
 * starting from the state the previous one left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class ClientReloadContract {

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(30);

	private final TestCertificates certificates = TestCertificates.now();

	private final Issued clientAuthority = this.certificates.authority("client CA");

	private final Issued serverAuthority = this.certificates.authority("server CA");

	private final Issued movedServerAuthority = this.certificates.authority("new server CA");

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	private KubernetesSecretVolume volume;

	private MutualTlsServer server;

	private Map<String, Function<URI, String>> clients;

	private Issued presented;

	/**
	 * Return the configuration that builds the clients: {@link ClientCalls} beans whose
	 * clients are built from {@code SslBundles.getBundle("client")} when the application
	 * starts.
	 * @return the configuration class
	 */
	protected abstract Class<?> clientsConfiguration();

	@BeforeAll
	void start(@TempDir Path directory) {
		this.presented = clientCertificate("first client");
		this.volume = new KubernetesSecretVolume(directory.resolve("client"));
		write(this.presented, this.presented, this.serverAuthority);
		this.server = MutualTlsServer.start(
				this.certificates.issue(this.certificates.leaf("server"), this.serverAuthority),
				this.clientAuthority.certificate());
		this.application.run(new Class<?>[] { clientsConfiguration() },
				"spring.ssl.bundle.pem.client.keystore.certificate=" + this.volume.file("tls.crt"),
				"spring.ssl.bundle.pem.client.keystore.private-key=" + this.volume.file("tls.key"),
				"spring.ssl.bundle.pem.client.truststore.certificate=" + this.volume.file("ca.crt"),
				"management.endpoints.web.exposure.include=certificates");
		Map<String, Function<URI, String>> clients = new LinkedHashMap<>();
		this.application.context()
			.getBeansOfType(ClientCalls.class)
			.values()
			.forEach((calls) -> clients.putAll(calls.calls()));
		assertThat(clients).isNotEmpty();
		this.clients = clients;
	}

	@AfterAll
	void stop() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	@Order(1)
	void everyClientPresentsTheClientCertificateOfTheBundleValidatedAsAClients() {
		assertEveryClientPresents(this.presented);
		ManagedBundle bundle = this.application.getBean(CertificateReloader.class).getBundle("client");
		assertThat(bundle.getRole()).isEqualTo(BundleRole.CLIENT);
		assertThat(bundle.getConsumers()).isEmpty();
		assertThat(bundle.getLastResult().findings()).as("a clientAuth certificate is right for a client").isEmpty();
		BundleDescriptor descriptor = this.application.getBean(CertificatesEndpoint.class).bundle("client");
		assertThat(descriptor.role()).isEqualTo("client");
		assertThat(descriptor.sslContexts()).as("an SSL context per client")
			.isGreaterThanOrEqualTo(this.clients.size());
	}

	@Test
	@Order(2)
	void everyClientPresentsTheRotatedCertificateOnItsNextConnectionWithoutBeingRebuilt() {
		Issued rotated = clientCertificate("rotated client");
		write(rotated, rotated, this.serverAuthority);
		this.application.awaitLastResult("client", "reloaded with the rotated certificate",
				(result) -> result.outcome() == ReloadOutcome.RELOADED
						&& result.newCertificate().serialNumber().equals(rotated.serialHex()),
				RELOAD_TIMEOUT);
		this.presented = rotated;
		assertEveryClientPresents(rotated);
	}

	@Test
	@Order(3)
	void everyClientTrustsTheNewCaOfTheServerOnceTheTrustFileIsUpdated() {
		this.server.serve(this.certificates.issue(this.certificates.leaf("moved server"), this.movedServerAuthority));
		this.clients.forEach((name, call) -> assertThatException().as(name)
			.isThrownBy(() -> call.apply(this.server.uri()))
			.satisfies(ClientReloadContract::isCertificateError));
		write(this.presented, this.presented, this.movedServerAuthority);
		ReloadResult result = this.application.awaitLastResult("client", "reloaded with the new trust material",
				(last) -> last.outcome() == ReloadOutcome.RELOADED
						&& last.findings().stream().anyMatch((finding) -> finding.check() == Check.TRUST_CONTINUITY),
				RELOAD_TIMEOUT);
		assertThat(result.findings()).extracting(Finding::message)
			.singleElement()
			.asString()
			.contains("removes every certificate trusted before [CN=server CA");
		assertEveryClientPresents(this.presented);
	}

	@Test
	@Order(4)
	void aClientKeyThatDoesNotMatchIsRefusedAndTheLastGoodCertificateKeepsBeingPresented() {
		write(clientCertificate("mismatched"), clientCertificate("other key"), this.movedServerAuthority);
		ReloadResult result = this.application.awaitLastResult("client", "rejected for key-match",
				(last) -> "key-match".equals(last.reason()), RELOAD_TIMEOUT);
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.REJECTED);
		assertThat(result.message()).contains("does not match certificate CN=mismatched");
		assertEveryClientPresents(this.presented);
		BundleDescriptor descriptor = this.application.getBean(CertificatesEndpoint.class).bundle("client");
		assertThat(descriptor.lastReload().reason()).isEqualTo("key-match");
		assertThat(descriptor.served().chain().get(0).serialNumber()).isEqualTo(this.presented.serialHex());
	}

	@Test
	@Order(5)
	void anExpiredClientCertificateIsRefusedAndTheLastGoodCertificateKeepsBeingPresented() {
		Instant now = this.certificates.clock().instant();
		Issued expired = this.certificates.issue(this.certificates.leaf("expired client")
			.notBefore(now.minus(Duration.ofDays(30)))
			.notAfter(now.minus(Duration.ofDays(1)))
			.extendedKeyUsage(KeyPurposeId.id_kp_clientAuth), this.clientAuthority);
		write(expired, expired, this.movedServerAuthority);
		ReloadResult result = this.application.awaitLastResult("client", "rejected for dates",
				(last) -> "dates".equals(last.reason()), RELOAD_TIMEOUT);
		assertThat(result.message()).contains("CN=expired client").contains("expired at");
		assertEveryClientPresents(this.presented);
	}

	private void assertEveryClientPresents(Issued certificate) {
		this.clients.forEach(
				(name, call) -> assertThat(call.apply(this.server.uri())).as(name).isEqualTo(certificate.serialHex()));
	}

	private Issued clientCertificate(String commonName) {
		return this.certificates.issue(
				this.certificates.leaf(commonName).extendedKeyUsage(KeyPurposeId.id_kp_clientAuth),
				this.clientAuthority);
	}

	private void write(Issued certificate, Issued key, Issued trusted) {
		this.volume.write(Map.of("tls.crt", bytes(PemFiles.certificates(certificate.chain())), "tls.key",
				bytes(PemFiles.pkcs8(key.keyPair().getPrivate())), "ca.crt",
				bytes(PemFiles.certificate(trusted.certificate()))));
	}

	private static byte[] bytes(String content) {
		return content.getBytes(StandardCharsets.US_ASCII);
	}

	private static void isCertificateError(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SSLException || cause instanceof CertificateException) {
				return;
			}
		}
		throw new AssertionError("Not a certificate error: " + failure, failure);
	}

}
