package io.github.hotcert.actuate;

import java.nio.file.Path;
import java.util.Map;

import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.info.Info;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CertificatesInfoContributor}.
 */
class CertificatesInfoContributorTests {

	private final TestCertificates certificates = TestCertificates.now();

	@TempDir
	Path directory;

	@Test
	void showsServedCertificateAndLastOutcomeOfEachBundle() {
		Issued served = this.certificates.selfSigned(this.certificates.leaf("served.example"));
		TestReloader reloader = TestReloader.started(this.directory, served, (event) -> {
		});
		Info.Builder builder = new Info.Builder();
		new CertificatesInfoContributor(reloader.reloader()).contribute(builder);
		@SuppressWarnings("unchecked")
		Map<String, Map<String, Object>> certificates = (Map<String, Map<String, Object>>) builder.build()
			.get("certificates");
		assertThat(certificates).containsOnlyKeys("web");
		assertThat(certificates.get("web")).containsEntry("subject", "CN=served.example")
			.containsEntry("serialNumber", served.serialHex())
			.containsEntry("notAfter", served.certificate().getNotAfter().toInstant())
			.containsEntry("lastOutcome", "unchanged")
			.containsKey("lastReload");
	}

}
