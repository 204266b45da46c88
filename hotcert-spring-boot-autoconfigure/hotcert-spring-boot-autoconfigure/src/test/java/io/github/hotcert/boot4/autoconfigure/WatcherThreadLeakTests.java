package io.github.hotcert.boot4.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.hotcert.reload.StartupValidation;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.watch.CertificateFileWatcher;
import io.github.hotcert.watch.SignalTrigger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starting and stopping an application context fifty times leaves no thread behind.
 */
class WatcherThreadLeakTests {

	private static final String JDK_WATCH_SERVICE_THREAD = "FileSystemWatchService";

	@TempDir
	Path directory;

	@Test
	void noThreadIsLeftBehindAfterFiftyContextRestarts() throws IOException {
		TestCertificates certificates = TestCertificates.now();
		Issued issued = certificates.selfSigned(certificates.leaf("localhost"));
		Path certificate = Files.writeString(this.directory.resolve("tls.crt"), PemFiles.certificates(issued.chain()));
		Path key = Files.writeString(this.directory.resolve("tls.key"), PemFiles.pkcs8(issued.keyPair().getPrivate()));
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HotcertAutoConfiguration.class))
			.withPropertyValues("spring.ssl.bundle.pem.web.keystore.certificate=" + certificate,
					"spring.ssl.bundle.pem.web.keystore.private-key=" + key, "hotcert.signal.enabled=true");
		long watchServiceThreadsBefore = threads(JDK_WATCH_SERVICE_THREAD);
		int threadsBefore = Thread.activeCount();
		for (int i = 0; i < 50; i++) {
			runner.run((context) -> {
				StartupValidation.awaitDone(context);
				assertThat(context.getBean(CertificateFileWatcher.class).isRunning()).isTrue();
				assertThat(context.getBean(SignalTrigger.class).isInstalled()).isTrue();
				assertThat(threads(CertificateFileWatcher.THREAD_NAME)).isEqualTo(1);
			});
		}
		assertThat(threads(CertificateFileWatcher.THREAD_NAME)).isZero();
		// The JDK's poller ends shortly after its WatchService is closed, not at once
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(threads(JDK_WATCH_SERVICE_THREAD)).isLessThanOrEqualTo(watchServiceThreadsBefore));
		System.out.printf("Live threads before 50 context restarts: %d, after: %d%n", threadsBefore,
				Thread.activeCount());
	}

	private static long threads(String name) {
		return Thread.getAllStackTraces().keySet().stream().filter((thread) -> name.equals(thread.getName())).count();
	}

}
