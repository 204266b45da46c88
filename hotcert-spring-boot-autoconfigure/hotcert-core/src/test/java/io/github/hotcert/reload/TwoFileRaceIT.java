package io.github.hotcert.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import io.github.hotcert.watch.RecordedReloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key and a certificate written as two files 300 ms apart, with the default settings,
 * on a real Tomcat: the new certificate ends up served without anyone asking again, the
 * mismatched pair seen in between is never served, and never reported as a failure while
 * the writer is still busy.
 */
class TwoFileRaceIT {

	private final TestCertificates certificates = TestCertificates.now();

	private final TlsClient client = TlsClient.create();

	@TempDir
	Path directory;

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	@Test
	void keyThenCertificateThreeHundredMillisecondsLater() throws Exception {
		Issued authority = this.certificates.authority("race CA");
		Issued first = this.certificates.issue(this.certificates.leaf("first"), authority);
		Path certificate = this.directory.resolve("tls.crt");
		Path key = this.directory.resolve("tls.key");
		Files.writeString(certificate, PemFiles.certificates(first.chain()));
		Files.writeString(key, PemFiles.pkcs8(first.keyPair().getPrivate()));
		this.application.run(new Class<?>[] { RecordedReloads.class },
				TestWebApplication.pemBundle("web", certificate, key));
		int port = this.application.port();
		for (int i = 0; i < 3; i++) {
			Issued next = this.certificates.issue(this.certificates.leaf("race-" + i), authority);
			PemFiles.replace(key, PemFiles.pkcs8(next.keyPair().getPrivate()));
			long keyWritten = System.nanoTime();
			while (System.nanoTime() - keyWritten < Duration.ofMillis(300).toNanos()) {
				assertThat(this.client.get(port, "/").body()).isEqualTo("ok");
			}
			PemFiles.replace(certificate, PemFiles.certificates(next.chain()));
			this.client.awaitSerial(port, next.serialHex(), Duration.ofSeconds(20));
			assertThat(this.client.get(port, "/").body()).isEqualTo("ok");
		}
		assertThat(this.application.getBean(RecordedReloads.class).withOutcome(ReloadOutcome.REJECTED)).isEmpty();
		assertThat(this.application.getBean(CertificateReloader.class).getBundle("web").getRejectionCount()).isZero();
	}

}
