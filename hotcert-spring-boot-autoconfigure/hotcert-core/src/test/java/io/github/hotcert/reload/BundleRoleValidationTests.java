package io.github.hotcert.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.hotcert.source.ContentReader;
import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.source.MaterialSources;
import io.github.hotcert.source.StoreSource;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.BundleRole;
import io.github.hotcert.validation.Check;
import io.github.hotcert.validation.ConfiguredValidationPolicy;
import io.github.hotcert.validation.ConfiguredValidationPolicy.BundleOverrides;
import io.github.hotcert.validation.Finding;
import io.github.hotcert.validation.MaterialValidator;
import io.github.hotcert.validation.Severity;
import io.github.hotcert.validation.ValidationPolicy;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the validation of a bundle in its role: a bundle that no web server serves is
 * validated as a client's (or as trust material), one that a web server serves as a
 * server's, and a configured role wins.
 */
class BundleRoleValidationTests {

	private final TestCertificates certificates = TestCertificates.now();

	private final Issued authority = this.certificates.authority("role test CA");

	@TempDir
	Path directory;

	@Test
	void aBundleNoWebServerServesIsValidatedAsAClientsAtStartupAndOnReload() throws IOException {
		write(client("first client"));
		CertificateReloader reloader = reloader(keySource(), TestValidation.policy());
		ReloadResult startup = reloader.initialize().get(0);
		assertThat(reloader.getBundle("client").getRole()).isEqualTo(BundleRole.CLIENT);
		assertThat(startup.findings()).as("a clientAuth certificate is right for a client").isEmpty();
		write(this.certificates.issue(
				this.certificates.leaf("server only").extendedKeyUsage(KeyPurposeId.id_kp_serverAuth), this.authority));
		ReloadResult reload = reloader.reload("client", ReloadRequest.of(ReloadTrigger.WATCH));
		assertThat(reload.outcome()).isEqualTo(ReloadOutcome.RELOADED);
		assertThat(reload.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.check()).isEqualTo(Check.EXTENDED_KEY_USAGE);
			assertThat(finding.message()).contains("without clientAuth");
		});
	}

	@Test
	void aBundleAWebServerServesIsValidatedAsAServers() throws IOException {
		write(client("client only"));
		ManagedBundle bundle = new ManagedBundle(keySource(), new LocalBundlePublisher("client"), 10);
		bundle.addConsumer("tomcat https port 8443 (default host)");
		bundle.markServedByWebServer();
		CertificateReloader reloader = reloader(bundle, TestValidation.policy());
		ReloadResult startup = reloader.initialize().get(0);
		assertThat(bundle.getRole()).isEqualTo(BundleRole.SERVER);
		assertThat(startup.findings()).extracting(Finding::message)
			.singleElement()
			.asString()
			.contains("without serverAuth");
	}

	@Test
	void aClientThatCannotFollowReloadsDoesNotMakeABundleAServers() throws IOException {
		write(client("client only"));
		ManagedBundle bundle = new ManagedBundle(keySource(), new LocalBundlePublisher("client"), 10);
		bundle.addConsumerThatCannotFollow("legacy client of the payments service");
		CertificateReloader reloader = reloader(bundle, TestValidation.policy());
		assertThat(reloader.initialize().get(0).findings()).isEmpty();
		assertThat(bundle.getRole()).isEqualTo(BundleRole.CLIENT);
	}

	@Test
	void aConfiguredRoleWinsOverTheInferredOne() throws IOException {
		write(client("client only"));
		ManagedBundle bundle = new ManagedBundle(keySource(), new LocalBundlePublisher("client"), 10);
		bundle.addConsumer("tomcat https port 8443 (default host)");
		bundle.markServedByWebServer();
		ValidationPolicy policy = new ConfiguredValidationPolicy(Map.of(), TestValidation.SETTINGS,
				Map.of("client", new BundleOverrides(Map.of(), null, null, BundleRole.CLIENT)));
		CertificateReloader reloader = reloader(bundle, policy);
		assertThat(reloader.initialize().get(0).findings()).isEmpty();
		assertThat(bundle.getRole()).isEqualTo(BundleRole.CLIENT);
	}

	@Test
	void aTrustBundleThatMovesToANewCaIsReloadedAndReportedAndOneWithoutCaIsRefused() throws IOException {
		Issued newAuthority = this.certificates.authority("new role test CA");
		writeTrust(this.authority);
		CertificateReloader reloader = reloader(trustSource(), TestValidation.policy());
		reloader.initialize();
		ManagedBundle bundle = reloader.getBundle("client");
		assertThat(bundle.getRole()).isEqualTo(BundleRole.TRUST);
		writeTrust(newAuthority);
		ReloadResult moved = reloader.reload("client", ReloadRequest.of(ReloadTrigger.WATCH));
		assertThat(moved.outcome()).isEqualTo(ReloadOutcome.RELOADED);
		assertThat(moved.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.check()).isEqualTo(Check.TRUST_CONTINUITY);
			assertThat(finding.severity()).isEqualTo(Severity.WARN);
			assertThat(finding.message()).contains("removes every certificate trusted before [CN=role test CA");
		});
		writeTrust(this.certificates.issue(this.certificates.leaf("not a CA"), newAuthority));
		ReloadResult refused = reloader.reload("client", ReloadRequest.of(ReloadTrigger.WATCH));
		assertThat(refused.outcome()).isEqualTo(ReloadOutcome.REJECTED);
		assertThat(refused.reason()).isEqualTo("trust-anchors");
		assertThat(bundle.getServed().trustedCertificates()).singleElement()
			.satisfies((trusted) -> assertThat(trusted.serialNumber()).isEqualTo(newAuthority.serialHex()));
	}

	private CertificateReloader reloader(MaterialSource source, ValidationPolicy policy) {
		return reloader(new ManagedBundle(source, new LocalBundlePublisher("client"), 10), policy);
	}

	private CertificateReloader reloader(ManagedBundle bundle, ValidationPolicy policy) {
		return new CertificateReloader(List.of(bundle), MaterialValidator.withDefaultChecks(Clock.systemUTC(), policy),
				(event) -> {
				}, Clock.systemUTC());
	}

	private Issued client(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName)
			.extendedKeyUsage(KeyPurposeId.id_kp_clientAuth)
			.notAfter(this.certificates.clock().instant().plus(Duration.ofDays(30))), this.authority);
	}

	private MaterialSource keySource() {
		MaterialSources sources = sources();
		return new MaterialSource("client", reader(),
				StoreSource.pem(null, sources.location("test.certificate", file("tls.crt").toString()),
						sources.location("test.private-key", file("tls.key").toString()), null),
				null, null, null, null);
	}

	private MaterialSource trustSource() {
		return new MaterialSource("client", reader(), null,
				StoreSource.pem(null, sources().location("test.trust", file("ca.crt").toString()), null, null), null,
				null, null);
	}

	private static ContentReader reader() {
		return new ContentReader(ApplicationResourceLoader.get(), DataSize.ofKilobytes(64));
	}

	private static MaterialSources sources() {
		return new MaterialSources(ApplicationResourceLoader.get(), reader());
	}

	private void write(Issued issued) throws IOException {
		Files.writeString(file("tls.key"), PemFiles.pkcs8(issued.keyPair().getPrivate()));
		Files.writeString(file("tls.crt"), PemFiles.certificates(issued.chain()));
	}

	private void writeTrust(Issued trusted) throws IOException {
		Files.writeString(file("ca.crt"), PemFiles.certificate(trusted.certificate()));
	}

	private Path file(String name) {
		return this.directory.resolve(name);
	}

}
