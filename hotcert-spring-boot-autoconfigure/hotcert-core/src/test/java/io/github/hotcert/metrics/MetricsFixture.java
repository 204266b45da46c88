package io.github.hotcert.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.hotcert.acme.AcmeBundles;
import io.github.hotcert.acme.TestAcmeBundles;
import io.github.hotcert.reload.CertificateReloadEvent;
import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.LocalBundlePublisher;
import io.github.hotcert.reload.ManagedBundle;
import io.github.hotcert.reload.ReloadRequest;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.ReloadTrigger;
import io.github.hotcert.source.ContentReader;
import io.github.hotcert.source.MaterialSources;
import io.github.hotcert.testsupport.MutableClock;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.KeyMatchCheck;
import io.github.hotcert.validation.MaterialValidator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.unit.DataSize;

/**
 * A {@link CertificateReloader} of PEM bundles in a directory, with a clock the test
 * moves, that hands its reload events to a {@link ReloadMetricsListener}.
 */
final class MetricsFixture {

	static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

	private final Path directory;

	private final MutableClock clock = new MutableClock(START);

	private final TestCertificates certificates = new TestCertificates(this.clock);

	private final Issued authority = this.certificates.authority("hotcert metrics CA");

	private final SslProperties properties = new SslProperties();

	private CertificateReloader reloader;

	private ReloadMetricsListener listener;

	MetricsFixture(Path directory) {
		this.directory = directory;
	}

	/**
	 * Add a PEM bundle with a certificate issued by the fixture's CA.
	 */
	Issued bundle(String name, String commonName) {
		Issued issued = issue(commonName);
		write(name, issued);
		PemSslBundleProperties pem = new PemSslBundleProperties();
		pem.getKeystore().setCertificate(file(name, "tls.crt").toString());
		pem.getKeystore().setPrivateKey(file(name, "tls.key").toString());
		this.properties.getBundle().getPem().put(name, pem);
		return issued;
	}

	/**
	 * Trust the fixture's CA in the given bundle.
	 */
	void trustAuthority(String name) {
		Path file = file(name, "ca.crt");
		writeString(file, PemFiles.certificate(this.authority.certificate()));
		this.properties.getBundle().getPem().get(name).getTruststore().setCertificate(file.toString());
	}

	CertificateReloader reloader() {
		if (this.reloader == null) {
			ResourceLoader resourceLoader = ApplicationResourceLoader.get(new DefaultResourceLoader(), true);
			MaterialSources sources = new MaterialSources(resourceLoader,
					new ContentReader(resourceLoader, DataSize.ofMegabytes(1)));
			List<ManagedBundle> bundles = sources.fromSslProperties(this.properties)
				.stream()
				.map((source) -> new ManagedBundle(source, new LocalBundlePublisher(source.getBundleName()), 10))
				.toList();
			this.reloader = new CertificateReloader(bundles,
					new MaterialValidator(List.of(new KeyMatchCheck()), TestValidation.policy()), this::publish,
					this.clock);
		}
		return this.reloader;
	}

	/**
	 * Send every reload event to the given metrics from now on.
	 */
	void listen(CertificateMetrics certificateMetrics, ReloadMetrics reloadMetrics) {
		this.listener = new ReloadMetricsListener(certificateMetrics, reloadMetrics);
	}

	/**
	 * Bind hotcert's meters to the given registry and send them every reload event, with
	 * every reload observed as in an application with actuator: Micrometer's
	 * {@link DefaultMeterObservationHandler} records the observations in the same
	 * registry.
	 */
	ReloadMetrics bindObserved(MeterRegistry registry) {
		ObservationRegistry observationRegistry = ObservationRegistry.create();
		observationRegistry.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
		reloader().setObservationRegistry(observationRegistry);
		CertificateMetrics certificateMetrics = new CertificateMetrics(reloader());
		ReloadMetrics reloadMetrics = new ReloadMetrics(reloader());
		certificateMetrics.bindTo(registry);
		reloadMetrics.bindTo(registry);
		listen(certificateMetrics, reloadMetrics);
		return reloadMetrics;
	}

	Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

	Issued authority() {
		return this.authority;
	}

	void write(String name, Issued issued) {
		writeString(file(name, "tls.crt"), PemFiles.certificates(issued.chain()));
		writeString(file(name, "tls.key"), PemFiles.pkcs8(issued.keyPair().getPrivate()));
	}

	/**
	 * Write a certificate with the private key of another one.
	 */
	void writeMismatched(String name, Issued certificate, Issued key) {
		writeString(file(name, "tls.crt"), PemFiles.certificates(certificate.chain()));
		writeString(file(name, "tls.key"), PemFiles.pkcs8(key.keyPair().getPrivate()));
	}

	ReloadResult reload(String name) {
		return reloader().reload(name, ReloadRequest.of(ReloadTrigger.WATCH));
	}

	void advance(Duration duration) {
		this.clock.advance(duration);
	}

	Instant now() {
		return this.clock.instant();
	}

	private void publish(Object event) {
		if (this.listener != null && event instanceof CertificateReloadEvent reloadEvent) {
			this.listener.onApplicationEvent(reloadEvent);
		}
	}

	private Path file(String bundle, String name) {
		return this.directory.resolve(bundle).resolve(name);
	}

	private static void writeString(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return one ACME bundle, named {@code acme}, storing in the given directory.
	 */
	static AcmeBundles acmeBundles(Path storage) {
		return TestAcmeBundles.of("acme", storage);
	}

}
