package io.github.hotcert.watch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.hotcert.reload.StartupValidation;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.ReloadTrigger;
import io.github.hotcert.testsupport.KubernetesSecretVolume;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mounted directory of a Secret-style volume replaced by a symbolic link to another
 * Secret-style directory, on a real server: the replacement is found by file events
 * (polling waits an hour), the new certificate is served, and a later swap inside the new
 * directory is found by file events too.
 */
class MountReplacementIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

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
	void mountReplacedByALinkToAnotherSecretDirectoryIsFoundByFileEvents() throws Exception {
		Issued authority = this.certificates.authority("hotcert test CA");
		Issued first = issue("first.example", authority);
		Issued second = issue("second.example", authority);
		Issued third = issue("third.example", authority);
		Path mount = Files.createDirectory(this.temp.resolve("mnt"));
		KubernetesSecretVolume mounted = new KubernetesSecretVolume(mount.resolve("tls"));
		mounted.writeStrings(secret(first));
		KubernetesSecretVolume other = new KubernetesSecretVolume(this.temp.resolve("other"));
		other.writeStrings(secret(second));
		this.context = TestWebApplication.run(new Class<?>[] { RecordedReloads.class },
				TestWebApplication.concat(
						TestWebApplication.pemBundle("web", mounted.file("tls.crt"), mounted.file("tls.key")),
						new String[] { "hotcert.watch.quiet-period=50ms", "hotcert.watch.poll-interval=1h",
								"hotcert.retry.enabled=false" }));
		// Files changed before the watcher read them at startup are validated, not events
		StartupValidation.awaitDone(this.context);
		int port = this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		assertThat(this.client.servedSerial(port)).isEqualTo(first.serialHex());
		RecordedReloads reloads = this.context.getBean(RecordedReloads.class);
		Files.move(mounted.directory(), mount.resolve("tls.old"));
		Files.createSymbolicLink(mounted.directory(), other.directory());
		assertThat(awaitReload(reloads, 1).newCertificate().serialNumber()).isEqualTo(second.serialHex());
		assertThat(this.client.servedSerial(port)).isEqualTo(second.serialHex());
		other.writeStrings(secret(third));
		assertThat(awaitReload(reloads, 2).newCertificate().serialNumber()).isEqualTo(third.serialHex());
		assertThat(this.client.servedSerial(port)).isEqualTo(third.serialHex());
		assertThat(reloads.byTrigger(ReloadTrigger.WATCH, ReloadTrigger.POLL)).extracting(ReloadResult::trigger)
			.containsOnly(ReloadTrigger.WATCH);
	}

	private ReloadResult awaitReload(RecordedReloads reloads, int count) {
		await().atMost(TIMEOUT)
			.until(() -> reloads.byTrigger(ReloadTrigger.WATCH, ReloadTrigger.POLL)
				.stream()
				.filter((result) -> result.outcome() == ReloadOutcome.RELOADED)
				.count() >= count);
		List<ReloadResult> reloaded = reloads.byTrigger(ReloadTrigger.WATCH, ReloadTrigger.POLL)
			.stream()
			.filter((result) -> result.outcome() == ReloadOutcome.RELOADED)
			.toList();
		return reloaded.get(count - 1);
	}

	private Issued issue(String commonName, Issued authority) {
		return this.certificates.issue(this.certificates.leaf(commonName), authority);
	}

	private static Map<String, String> secret(Issued issued) {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("tls.crt", PemFiles.certificates(issued.chain()));
		files.put("tls.key", PemFiles.pkcs8(issued.keyPair().getPrivate()));
		return files;
	}

}
