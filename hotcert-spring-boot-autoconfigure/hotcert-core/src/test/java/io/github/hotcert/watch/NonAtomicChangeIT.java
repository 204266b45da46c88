package io.github.hotcert.watch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.ReloadTrigger;
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
 * Changes that are not atomic, on a real Tomcat with the default quiet period and maximum
 * wait: links flipped one at a time the way certbot renews, and a pair that does not
 * match and stays. A state in between is never served, not reported while the files can
 * still be being written, and reported once when they stay broken.
 */
class NonAtomicChangeIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final TestCertificates certificates = TestCertificates.now();

	private final TlsClient client = TlsClient.create();

	private final Issued authority = this.certificates.authority("hotcert test CA");

	@TempDir
	Path temp;

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	@Test
	void certbotStyleRenewalIsServedWithoutReportingTheStateInBetween() throws Exception {
		Path archive = Files.createDirectories(this.temp.resolve("archive"));
		Path live = Files.createDirectories(this.temp.resolve("live"));
		writeArchive(archive, 1, issue("first.example"));
		Path certificate = Files.createSymbolicLink(live.resolve("fullchain.pem"),
				Path.of("../archive/fullchain1.pem"));
		Path key = Files.createSymbolicLink(live.resolve("privkey.pem"), Path.of("../archive/privkey1.pem"));
		// However long the test is held up between the two flips, the watcher waits
		// for the second
		int port = start(TestWebApplication.pemBundle("web", certificate, key), "hotcert.watch.max-wait=1m");
		RecordedReloads reloads = this.application.getBean(RecordedReloads.class);
		for (int renewal = 2; renewal <= 3; renewal++) {
			Issued next = issue("renewal-" + renewal + ".example");
			writeArchive(archive, renewal, next);
			flip(key, Path.of("../archive/privkey" + renewal + ".pem"));
			// A slow renewal hook: the new key is read with the old certificate first
			awaitIncompleteRead(renewal - 1);
			flip(certificate, Path.of("../archive/fullchain" + renewal + ".pem"));
			this.client.awaitSerial(port, next.serialHex(), TIMEOUT);
			// The server serves the new certificate before the reload's event is
			// published
			reloads.awaitReloaded(next.serialHex(), TIMEOUT);
		}
		assertThat(reloads.withOutcome(ReloadOutcome.REJECTED)).isEmpty();
		assertThat(reloads.byTrigger(ReloadTrigger.WATCH)).extracting(ReloadResult::outcome)
			.containsExactly(ReloadOutcome.RELOADED, ReloadOutcome.RELOADED);
		assertThat(watcher().getStatistics().atomicChanges()).isZero();
	}

	@Test
	void pairThatDoesNotMatchAndStaysIsRejectedOnceTheWritesStopped() throws Exception {
		Path directory = Files.createDirectories(this.temp.resolve("tls"));
		Issued first = issue("first.example");
		Files.writeString(directory.resolve("tls.crt"), PemFiles.certificates(first.chain()));
		Files.writeString(directory.resolve("tls.key"), PemFiles.pkcs8(first.keyPair().getPrivate()));
		int port = start(
				TestWebApplication.pemBundle("web", directory.resolve("tls.crt"), directory.resolve("tls.key")),
				"hotcert.retry.enabled=false");
		PemFiles.replace(directory.resolve("tls.key"), PemFiles.pkcs8(issue("other.example").keyPair().getPrivate()));
		PemFiles.replace(directory.resolve("tls.crt"), PemFiles.certificates(issue("second.example").chain()));
		RecordedReloads reloads = this.application.getBean(RecordedReloads.class);
		await().atMost(TIMEOUT).until(() -> !reloads.withOutcome(ReloadOutcome.REJECTED).isEmpty());
		assertThat(watcher().getStatistics().incompleteReads()).isPositive();
		List<ReloadResult> rejected = reloads.withOutcome(ReloadOutcome.REJECTED);
		assertThat(rejected).singleElement().satisfies((result) -> {
			assertThat(result.trigger()).isEqualTo(ReloadTrigger.WATCH);
			assertThat(result.reason()).isEqualTo("key-match");
		});
		assertThat(this.client.servedSerial(port)).isEqualTo(first.serialHex());
		assertThat(this.application.getBean(CertificateReloader.class).getBundle("web").getRejectionCount())
			.isEqualTo(1);
	}

	private int start(String[] bundle, String... properties) {
		this.application.run(new Class<?>[] { RecordedReloads.class },
				TestWebApplication.concat(bundle, new String[] { "hotcert.watch.poll-interval=1h" }, properties));
		return this.application.port();
	}

	private void awaitIncompleteRead(long reads) {
		await().atMost(TIMEOUT).until(() -> watcher().getStatistics().incompleteReads() >= reads);
	}

	private CertificateFileWatcher watcher() {
		return this.application.getBean(CertificateFileWatcher.class);
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

	private static void writeArchive(Path archive, int version, Issued issued) throws Exception {
		Files.writeString(archive.resolve("fullchain" + version + ".pem"), PemFiles.certificates(issued.chain()));
		Files.writeString(archive.resolve("privkey" + version + ".pem"), PemFiles.pkcs8(issued.keyPair().getPrivate()));
	}

	private static void flip(Path link, Path target) throws Exception {
		Files.delete(link);
		Files.createSymbolicLink(link, target);
	}

}
