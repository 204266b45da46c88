package io.github.hotcert.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import io.github.hotcert.metrics.PrometheusText.Sample;
import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.testsupport.KubernetesSecretVolume;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The metrics of a real embedded Tomcat, read from its {@code /actuator/prometheus}
 * endpoint over TLS while certificates rotate.
 */
class CertificateMetricsIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private static final String EXPIRATION = "hotcert_certificate_expiration_timestamp_seconds";

	private static final String NOT_BEFORE = "hotcert_certificate_not_before_timestamp_seconds";

	private final TestCertificates certificates = TestCertificates.now();

	private final TlsClient client = TlsClient.create();

	@TempDir
	Path directory;

	private Issued authority;

	private KubernetesSecretVolume volume;

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	private int port;

	@BeforeEach
	void start() {
		this.authority = this.certificates.authority("hotcert metrics CA");
		this.volume = new KubernetesSecretVolume(this.directory.resolve("secret"));
	}

	@Test
	void expirationSeriesFollowTheServedCertificateAcrossRotations() throws Exception {
		Issued first = issue("first.example");
		startServing(first);
		PrometheusText initial = scrape();
		assertThat(initial.samples(EXPIRATION, "bundle", "web", "leaf", "true")).singleElement()
			.satisfies((sample) -> assertCertificate(sample, first, "keystore"));
		assertThat(initial.samples(EXPIRATION, "serial", this.authority.serialHex())).singleElement()
			.satisfies((sample) -> assertCertificate(sample, this.authority, "keystore"));
		assertThat(initial.samples(NOT_BEFORE, "serial", first.serialHex())).singleElement()
			.satisfies((sample) -> assertThat(sample.value())
				.isEqualTo(first.certificate().getNotBefore().toInstant().getEpochSecond()));
		for (int i = 0; i < 2; i++) {
			Issued next = issue("rotation-" + i + ".example");
			this.volume.writeStrings(secret(next, next));
			this.client.awaitSerial(this.port, next.serialHex(), TIMEOUT);
			int rotations = i + 1;
			// The served certificate's series change when it is published, the reload
			// counter when the reload is announced, just after: wait for both
			PrometheusText rotated = awaitScrape(
					(text) -> text.samples(EXPIRATION, "serial", next.serialHex()).size() == 1
							&& text.samples(NOT_BEFORE, "serial", next.serialHex()).size() == 1
							&& text.samples("hotcert_reload_total", "trigger", "watch", "outcome", "reloaded")
								.stream()
								.anyMatch((sample) -> sample.value() >= rotations));
			assertThat(rotated.samples(EXPIRATION, "leaf", "true")).singleElement()
				.satisfies((sample) -> assertCertificate(sample, next, "keystore"));
			assertThat(rotated.samples(NOT_BEFORE, "leaf", "true")).singleElement()
				.satisfies((sample) -> assertThat(sample.label("serial")).isEqualTo(next.serialHex()));
			assertThat(rotated.samples(EXPIRATION)).hasSize(2);
			assertThat(rotated.samples("hotcert_reload_total", "trigger", "watch", "outcome", "reloaded"))
				.singleElement()
				.satisfies((sample) -> assertThat(sample.value()).isGreaterThanOrEqualTo(rotations));
		}
	}

	@Test
	void springBootsChainExpiryShowsTheNewCertificateAfterASwap() throws Exception {
		Issued first = issue("first.example");
		startServing(first);
		assertThat(scrape().samples("ssl_chain_expiry_seconds", "bundle", "web")).singleElement()
			.satisfies((sample) -> assertThat(sample.label("certificate")).isEqualTo(first.serialHex()));
		Issued second = issue("second.example");
		this.volume.writeStrings(secret(second, second));
		this.client.awaitSerial(this.port, second.serialHex(), TIMEOUT);
		PrometheusText rotated = awaitScrape(
				(text) -> text.samples(EXPIRATION, "serial", second.serialHex()).size() == 1);
		assertThat(rotated.samples("ssl_chain_expiry_seconds", "bundle", "web")).singleElement()
			.satisfies((sample) -> assertThat(sample.label("certificate")).isEqualTo(second.serialHex()));
	}

	@Test
	void rejectedMaterialShowsAsFailuresAndAPendingChange() throws Exception {
		Issued first = issue("first.example");
		startServing(first);
		Issued second = issue("second.example");
		this.volume.writeStrings(secret(second, issue("other.example")));
		// The gauges change when the reload is recorded, the counter just after,
		// when it is announced. A scrape reads one series after the other, so one that
		// runs while the reload is recorded can show it in some and not in others: wait
		// for every series checked
		PrometheusText rejected = awaitScrape((text) -> hasValue(text, "hotcert_reload_consecutive_failures", 1)
				&& hasValue(text, "hotcert_reload_pending_change", 1)
				&& !text.samples("hotcert_reload_total", "outcome", "rejected").isEmpty());
		assertThat(rejected.samples("hotcert_reload_pending_change", "bundle", "web")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isOne());
		assertThat(rejected.samples("hotcert_reload_total", "outcome", "rejected")).singleElement()
			.satisfies((sample) -> {
				assertThat(sample.labels()).containsEntry("bundle", "web")
					.containsEntry("trigger", "watch")
					.containsEntry("reason", "key-match");
				assertThat(sample.value()).isOne();
			});
		assertThat(rejected.samples(EXPIRATION, "leaf", "true")).singleElement()
			.satisfies((sample) -> assertThat(sample.label("serial")).isEqualTo(first.serialHex()));
		assertThat(this.client.servedSerial(this.port)).isEqualTo(first.serialHex());
		Issued third = issue("third.example");
		this.volume.writeStrings(secret(third, third));
		// The served certificate's series change when it is published, the reload series
		// when the reload is recorded, just after, and the reload timer when it is
		// announced: wait for every series checked
		PrometheusText recovered = awaitScrape(
				(text) -> text.samples(EXPIRATION, "serial", third.serialHex()).size() == 1
						&& hasValue(text, "hotcert_reload_consecutive_failures", 0)
						&& hasValue(text, "hotcert_reload_pending_change", 0)
						&& text.samples("hotcert_reload_duration_seconds_count", "outcome", "reloaded")
							.stream()
							.anyMatch((sample) -> sample.value() > 0));
		assertThat(recovered.samples("hotcert_reload_consecutive_failures", "bundle", "web")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isZero());
		assertThat(recovered.samples("hotcert_reload_pending_change", "bundle", "web")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isZero());
		assertThat(recovered.samples("hotcert_reload_last_success_timestamp_seconds", "bundle", "web")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isPositive());
		assertThat(recovered.samples("hotcert_reload_duration_seconds_count", "outcome", "reloaded")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isOne());
		// Spring Boot's actuator records the reload observation as a timer of its
		// own name, with the tags of the reload counter
		assertThat(recovered.samples("hotcert_bundle_reload_seconds_count", "trigger", "watch", "outcome", "rejected"))
			.singleElement()
			.satisfies((sample) -> {
				assertThat(sample.labels()).containsOnlyKeys("bundle", "trigger", "outcome", "reason", "error")
					.containsEntry("bundle", "web")
					.containsEntry("reason", "key-match")
					.containsEntry("error", "none");
				assertThat(sample.value()).isGreaterThanOrEqualTo(1);
			});
	}

	private void startServing(Issued issued) {
		this.volume.writeStrings(secret(issued, issued));
		this.application.run(TestWebApplication.concat(
				TestWebApplication.pemBundle("web", this.volume.file("tls.crt"), this.volume.file("tls.key")),
				// A rejection is retried a minute later, after the test, so every
				// reload series comes from the file watch
				new String[] { "management.endpoints.web.exposure.include=prometheus",
						"hotcert.retry.initial-interval=1m" }));
		this.port = this.application.port();
	}

	private void assertCertificate(Sample sample, Issued issued, String store) {
		assertThat(sample.labels()).containsEntry("bundle", "web")
			.containsEntry("store", store)
			.containsEntry("serial", issued.serialHex())
			.containsEntry("subject_cn",
					CertificateInfo.commonNameValue(issued.certificate()
						.getSubjectX500Principal()
						.getName(javax.security.auth.x500.X500Principal.RFC2253)))
			.containsEntry("issuer_cn", "hotcert metrics CA")
			.containsEntry("leaf", Boolean.toString(issued != this.authority));
		assertThat(sample.value()).isEqualTo(issued.certificate().getNotAfter().toInstant().getEpochSecond());
	}

	private PrometheusText scrape() throws IOException {
		TlsClient.Response response = this.client.get(this.port, "/actuator/prometheus");
		assertThat(response.status()).isEqualTo(200);
		return PrometheusText.parse(response.body());
	}

	private static boolean hasValue(PrometheusText text, String name, double value) {
		return text.samples(name, "bundle", "web").stream().anyMatch((sample) -> sample.value() == value);
	}

	private PrometheusText awaitScrape(Predicate<PrometheusText> condition) {
		AtomicReference<PrometheusText> last = new AtomicReference<>();
		try {
			return await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).until(() -> {
				last.set(scrape());
				return last.get();
			}, condition);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Timed out after " + TIMEOUT + "; last scrape: "
					+ ((last.get() != null) ? last.get().samples(EXPIRATION) : List.of()), ex);
		}
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

	private static Map<String, String> secret(Issued certificate, Issued key) {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("tls.crt", PemFiles.certificates(certificate.chain()));
		files.put("tls.key", PemFiles.pkcs8(key.keyPair().getPrivate()));
		return files;
	}

}
