package io.github.hotcert.reload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.hotcert.testsupport.KubernetesSecretVolume;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import io.github.hotcert.watch.RecordedReloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forced reloads racing Kubernetes Secret swaps, on a real Tomcat: a writer swaps the
 * {@code ..data} link of a Secret volume as fast as it can, always to a certificate and
 * its own key, while three hundred forced reloads run (and the watcher reloads what it
 * notices). Every pair on disk is valid at every moment, so every reload must publish: a
 * reload that read the certificate of one version and the key of the next would be
 * rejected as a key mismatch.
 */
class ConsistentReadIT {

	private static final int RELOADS = 300;

	private final TestCertificates certificates = TestCertificates.now();

	private final TlsClient client = TlsClient.create();

	@TempDir
	Path temp;

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void forcedReloadsDuringSecretSwapsAreNeverRejected() throws Exception {
		Issued authority = this.certificates.authority("hotcert test CA");
		List<Issued> pairs = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			pairs.add(this.certificates.issue(this.certificates.leaf("pair-" + i + ".example"), authority));
		}
		KubernetesSecretVolume volume = new KubernetesSecretVolume(this.temp.resolve("secret"));
		volume.writeStrings(secret(pairs.get(0)));
		this.context = TestWebApplication.run(new Class<?>[] { RecordedReloads.class },
				TestWebApplication.concat(
						TestWebApplication.pemBundle("web", volume.file("tls.crt"), volume.file("tls.key")),
						new String[] { "hotcert.watch.quiet-period=50ms", "hotcert.retry.enabled=false" }));
		StartupValidation.awaitDone(this.context);
		CertificateReloader reloader = this.context.getBean(CertificateReloader.class);
		AtomicBoolean swapping = new AtomicBoolean(true);
		AtomicInteger swaps = new AtomicInteger();
		Thread swapper = new Thread(() -> {
			while (swapping.get()) {
				volume.writeStrings(secret(pairs.get(swaps.incrementAndGet() % pairs.size())));
			}
		}, "secret-swapper");
		swapper.start();
		List<ReloadResult> results = new ArrayList<>();
		try {
			for (int i = 0; i < RELOADS; i++) {
				results.add(reloader.reload("web", new ReloadRequest(ReloadTrigger.MANUAL, false, true, "test")));
			}
		}
		finally {
			swapping.set(false);
			swapper.join();
		}
		System.out.printf("%d forced reloads during %d Secret swaps%n", RELOADS, swaps.get());
		assertThat(results).filteredOn((result) -> result.outcome() != ReloadOutcome.RELOADED)
			.as("forced reloads that did not publish")
			.isEmpty();
		assertThat(this.context.getBean(RecordedReloads.class).withOutcome(ReloadOutcome.REJECTED))
			.as("rejected reloads, whatever started them")
			.isEmpty();
		assertThat(reloader.getBundle("web").getRejectionCount()).isZero();
		Issued last = this.certificates.issue(this.certificates.leaf("last.example"), authority);
		volume.writeStrings(secret(last));
		this.client.awaitSerial(this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class),
				last.serialHex(), Duration.ofSeconds(20));
	}

	private static Map<String, String> secret(Issued issued) {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("tls.crt", PemFiles.certificates(issued.chain()));
		files.put("tls.key", PemFiles.pkcs8(issued.keyPair().getPrivate()));
		return files;
	}

}
