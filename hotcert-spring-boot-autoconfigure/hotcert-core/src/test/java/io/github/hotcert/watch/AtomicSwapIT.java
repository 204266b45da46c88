package io.github.hotcert.watch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.ReloadTrigger;
import io.github.hotcert.testsupport.KubernetesSecretVolume;
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
import static org.awaitility.Awaitility.await;

/**
 * Changes that are complete by construction, served on a real Tomcat without waiting for
 * quiet: the quiet period and the maximum wait are far longer than the test waits, so
 * only a change taken at once can be served in time, and a rejection of swapped material
 * is reported at once.
 */
class AtomicSwapIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String[] NO_QUIET_IN_TIME = { "hotcert.watch.quiet-period=10m", "hotcert.watch.max-wait=10m",
			"hotcert.watch.poll-interval=1h" };

	private final TestCertificates certificates = TestCertificates.now();

	private final TlsClient client = TlsClient.create();

	private final Issued authority = this.certificates.authority("hotcert test CA");

	@TempDir
	Path temp;

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	@Test
	void kubernetesSecretSwapsAreServedAtOnceAndBrokenOnesRejectedAtOnce() throws Exception {
		KubernetesSecretVolume volume = new KubernetesSecretVolume(this.temp.resolve("secret"));
		volume.writeStrings(secret(issue("first.example")));
		int port = start(TestWebApplication.pemBundle("web", volume.file("tls.crt"), volume.file("tls.key")));
		Issued last = null;
		for (int i = 0; i < 3; i++) {
			last = issue("swap-" + i + ".example");
			volume.writeStrings(secret(last));
			this.client.awaitSerial(port, last.serialHex(), TIMEOUT);
		}
		Issued mismatched = issue("mismatched.example");
		Map<String, String> broken = secret(mismatched);
		broken.put("tls.key", PemFiles.pkcs8(issue("other.example").keyPair().getPrivate()));
		volume.writeStrings(broken);
		RecordedReloads reloads = this.application.getBean(RecordedReloads.class);
		await().atMost(TIMEOUT).until(() -> !reloads.withOutcome(ReloadOutcome.REJECTED).isEmpty());
		ReloadResult rejected = reloads.withOutcome(ReloadOutcome.REJECTED).get(0);
		assertThat(rejected.trigger()).isEqualTo(ReloadTrigger.WATCH);
		assertThat(rejected.reason()).isEqualTo("key-match");
		assertThat(this.client.servedSerial(port)).isEqualTo(last.serialHex());
		assertThat(reloads.withOutcome(ReloadOutcome.RELOADED)).hasSize(3);
		awaitAtomicChanges(4);
	}

	@Test
	void keyStoreRenamedIntoPlaceIsServedAtOnce() throws Exception {
		Path keyStore = Files.createDirectories(this.temp.resolve("tls")).resolve("server.p12");
		Files.write(keyStore, PemFiles.keyStore("PKCS12", "server", issue("first.example"), "secret", "secret"));
		int port = start("server.ssl.bundle=web", "spring.ssl.bundle.jks.web.keystore.location=file:" + keyStore,
				"spring.ssl.bundle.jks.web.keystore.password=secret", "spring.ssl.bundle.jks.web.keystore.type=PKCS12");
		for (int i = 0; i < 3; i++) {
			Issued next = issue("key-store-" + i + ".example");
			PemFiles.replace(keyStore, PemFiles.keyStore("PKCS12", "server", next, "secret", "secret"));
			this.client.awaitSerial(port, next.serialHex(), TIMEOUT);
		}
		awaitAtomicChanges(3);
	}

	@Test
	void linkToTheDirectoryOfBothFilesRenamedIntoPlaceIsServedAtOnce() throws Exception {
		Path first = writePem(this.temp.resolve("v0"), issue("first.example"));
		Path current = Files.createSymbolicLink(this.temp.resolve("current"), first.getFileName());
		int port = start(TestWebApplication.pemBundle("web", current.resolve("tls.crt"), current.resolve("tls.key")));
		Issued next = issue("second.example");
		Path second = writePem(this.temp.resolve("v1"), next);
		Path link = Files.createSymbolicLink(this.temp.resolve("current.tmp"), second.getFileName());
		Files.move(link, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		this.client.awaitSerial(port, next.serialHex(), TIMEOUT);
		awaitAtomicChanges(1);
	}

	private int start(String... properties) {
		this.application.run(new Class<?>[] { RecordedReloads.class },
				TestWebApplication.concat(properties, NO_QUIET_IN_TIME));
		return this.application.port();
	}

	/**
	 * Wait for the count of atomic changes, which goes up once the reload is over.
	 */
	private void awaitAtomicChanges(long count) {
		await().atMost(TIMEOUT).until(() -> watcher().getStatistics().atomicChanges() >= count);
		assertThat(watcher().getStatistics().atomicChanges()).isEqualTo(count);
	}

	private CertificateFileWatcher watcher() {
		return this.application.getBean(CertificateFileWatcher.class);
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

	private static Path writePem(Path directory, Issued issued) throws Exception {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("tls.crt"), PemFiles.certificates(issued.chain()));
		Files.writeString(directory.resolve("tls.key"), PemFiles.pkcs8(issued.keyPair().getPrivate()));
		return directory;
	}

	private static Map<String, String> secret(Issued issued) {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("tls.crt", PemFiles.certificates(issued.chain()));
		files.put("tls.key", PemFiles.pkcs8(issued.keyPair().getPrivate()));
		return files;
	}

}
