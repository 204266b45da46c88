package io.github.hotcert.watch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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
import sun.misc.Signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGHUP reloads every bundle, on a real embedded Tomcat. The signal is raised in this
 * JVM only after hotcert's handler is installed: the JVM's own handler would shut it
 * down.
 */
class SignalReloadIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final TestCertificates certificates = TestCertificates.now();

	private final TlsClient client = TlsClient.create();

	@TempDir
	Path directory;

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	@Test
	void hangupReloadsEveryBundleWhenFilesAreNotWatched() throws Exception {
		Issued authority = this.certificates.authority("hotcert test CA");
		Issued first = this.certificates.issue(this.certificates.leaf("first.example"), authority);
		writePem(first);
		this.application.run(new Class<?>[] { RecordedReloads.class },
				TestWebApplication.concat(
						TestWebApplication.pemBundle("web", this.directory.resolve("tls.crt"),
								this.directory.resolve("tls.key")),
						new String[] { "hotcert.signal.enabled=true", "hotcert.watch.mode=off" }));
		int port = this.application.port();
		assertThat(this.client.servedSerial(port)).isEqualTo(first.serialHex());
		assertThat(this.application.getBean(CertificateFileWatcher.class).isRunning()).isFalse();
		SignalTrigger trigger = this.application.getBean(SignalTrigger.class);
		assertThat(trigger.isInstalled()).isTrue();
		Issued second = this.certificates.issue(this.certificates.leaf("second.example"), authority);
		writePem(second);
		assertThat(this.client.servedSerial(port)).isEqualTo(first.serialHex());
		Signal.raise(new Signal(SignalTrigger.HANGUP));
		this.client.awaitSerial(port, second.serialHex(), TIMEOUT);
		RecordedReloads reloads = this.application.getBean(RecordedReloads.class);
		await().atMost(TIMEOUT).until(() -> !reloads.byTrigger(ReloadTrigger.SIGNAL).isEmpty());
		assertThat(reloads.byTrigger(ReloadTrigger.SIGNAL)).singleElement()
			.extracting(ReloadResult::outcome)
			.isEqualTo(ReloadOutcome.RELOADED);
		this.application.close();
		assertThat(trigger.isInstalled()).isFalse();
	}

	private void writePem(Issued issued) throws Exception {
		PemFiles.replace(this.directory.resolve("tls.key"), PemFiles.pkcs8(issued.keyPair().getPrivate()));
		PemFiles.replace(this.directory.resolve("tls.crt"), PemFiles.certificates(issued.chain()));
		assertThat(Files.exists(this.directory.resolve("tls.crt"))).isTrue();
	}

}
