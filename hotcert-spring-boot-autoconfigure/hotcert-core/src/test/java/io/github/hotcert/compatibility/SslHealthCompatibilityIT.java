package io.github.hotcert.compatibility;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.hotcert.compatibility.WithAndWithoutHotcert.Seen;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's SSL health and info, as its smoke test {@code testSslHealth} and
 * {@code testSslInfo} check them, with hotcert and without it: hotcert's
 * {@code certificates} indicator never makes the overall status worse than Spring Boot's
 * own {@code ssl} indicator makes it for the same certificates.
 */
class SslHealthCompatibilityIT {

	private final WithAndWithoutHotcert runs = new WithAndWithoutHotcert(TestWebApplication::run);

	@TempDir
	Path directory;

	@Test
	void expiredCertificateOfABundleTakesTheApplicationOutOfServiceNotDown() throws Exception {
		// testSslHealth and testSslInfo of spring-boot-smoke-test-tomcat-ssl
		Path keyStore = keyStore(expired());
		String[] properties = bundle(keyStore);
		Seen without = this.runs.without(properties);
		Seen with = this.runs.with(properties);
		assertThat(without.healthHttpStatus()).isEqualTo(503);
		assertThat(without.status()).isEqualTo("OUT_OF_SERVICE");
		assertThat(without.sslStatus()).isEqualTo("OUT_OF_SERVICE");
		assertThat(without.sslInfo().path("bundles").path(0).path("name").asText()).isEqualTo("ssldemo");
		assertThat(without.sslInfo()
			.path("bundles")
			.path(0)
			.path("certificateChains")
			.path(0)
			.path("certificates")
			.path(0)
			.path("validity")
			.path("status")
			.asText()).isEqualTo("EXPIRED");
		assertThat(with.common()).isEqualTo(without.common());
		assertThat(with.certificates().path("status").asText()).isEqualTo("OUT_OF_SERVICE");
		assertThat(with.certificates().path("details").path("ssldemo").path("expired")).hasSize(1);
	}

	@Test
	void certificateOfABundleThatIsNotYetValidTakesTheApplicationOutOfService() throws Exception {
		TestCertificates future = new TestCertificates(Clock.offset(Clock.systemUTC(), Duration.ofDays(10)));
		Issued notYetValid = future.issue(future.leaf("localhost"), future.authority("hotcert future CA"));
		String[] properties = bundle(keyStore(notYetValid));
		Seen without = this.runs.without(properties);
		Seen with = this.runs.with(properties);
		assertThat(without.status()).isEqualTo("OUT_OF_SERVICE");
		assertThat(with.common()).isEqualTo(without.common());
		assertThat(with.certificates().path("status").asText()).isEqualTo("OUT_OF_SERVICE");
	}

	@Test
	void expiredCertificateInServerSslPropertiesLeavesTheApplicationUp() throws Exception {
		// Spring Boot's ssl indicator does not check a bundle built from server.ssl.*
		Path keyStore = keyStore(expired());
		String[] properties = { "server.ssl.key-store=" + keyStore, "server.ssl.key-store-password=secret",
				"server.ssl.key-password=password" };
		Seen without = this.runs.without(properties);
		Seen with = this.runs.with(properties);
		assertThat(without.status()).isEqualTo("UP");
		assertThat(with.common()).isEqualTo(without.common());
		assertThat(with.certificates().path("status").asText()).isEqualTo("UP");
		assertThat(with.certificates().path("details").path("server.ssl").path("expired")).hasSize(1);
	}

	@Test
	void certificateThatExpiresSoonLeavesTheApplicationUp() throws Exception {
		TestCertificates certificates = TestCertificates.now();
		Issued expiringSoon = certificates.issue(
				certificates.leaf("localhost").notAfter(Instant.now().plus(Duration.ofDays(3))),
				certificates.authority("hotcert CA"));
		String[] properties = bundle(keyStore(expiringSoon));
		Seen without = this.runs.without(properties);
		Seen with = this.runs.with(properties);
		assertThat(without.status()).isEqualTo("UP");
		assertThat(with.common()).isEqualTo(without.common());
		assertThat(with.certificates().path("status").asText()).isEqualTo("UP");
		assertThat(with.certificates().path("details").path("ssldemo").path("expiringSoon")).hasSize(1);
	}

	private static Issued expired() {
		TestCertificates past = new TestCertificates(Clock.offset(Clock.systemUTC(), Duration.ofDays(-100)));
		return past.issue(past.leaf("localhost"), past.authority("hotcert past CA"));
	}

	private Path keyStore(Issued issued) throws Exception {
		Path keyStore = this.directory.resolve("sample.jks");
		Files.write(keyStore, PemFiles.keyStore("JKS", "spring-boot-ssl-sample", issued, "secret", "password"));
		return keyStore;
	}

	private static String[] bundle(Path keyStore) {
		return new String[] { "server.ssl.bundle=ssldemo",
				"spring.ssl.bundle.jks.ssldemo.keystore.location=" + keyStore,
				"spring.ssl.bundle.jks.ssldemo.keystore.password=secret",
				"spring.ssl.bundle.jks.ssldemo.keystore.type=JKS",
				"spring.ssl.bundle.jks.ssldemo.key.password=password",
				"management.health.ssl.certificate-validity-warning-threshold=7d" };
	}

}
