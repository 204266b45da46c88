package io.github.hotcert.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.ReloadTrigger;
import io.github.hotcert.testsupport.ContinuousWrites;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ways real deployments change certificate files, each noticed on a real embedded
 * Tomcat and proven with real handshakes on fresh connections.
 */
class FileChangeDetectionIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final TestCertificates certificates = TestCertificates.now();

	private final TlsClient client = TlsClient.create();

	@TempDir
	Path temp;

	private Path directory;

	private Issued authority;

	private Issued first;

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	private int port;

	@BeforeEach
	void createCertificates() throws IOException {
		this.authority = this.certificates.authority("hotcert test CA");
		this.first = issue("first.example");
		this.directory = Files.createDirectory(this.temp.resolve("tls"));
		writePem(this.directory, this.first);
	}

	@Test
	void editorStyleSaveIsServed() throws Exception {
		startWithoutPolling(this.directory);
		Issued second = issue("second.example");
		PemFiles.replace(this.directory.resolve("tls.key"), PemFiles.pkcs8(second.keyPair().getPrivate()));
		PemFiles.replace(this.directory.resolve("tls.crt"), PemFiles.certificates(second.chain()));
		this.client.awaitSerial(this.port, second.serialHex(), TIMEOUT);
		assertOneReload(ReloadTrigger.WATCH, second);
	}

	@Test
	void copyOverTheFilesIsServed() throws Exception {
		startWithoutPolling(this.directory);
		Issued second = issue("second.example");
		Path staging = Files.createDirectory(this.temp.resolve("staging"));
		writePem(staging, second);
		copy(staging.resolve("tls.key"), this.directory.resolve("tls.key"));
		copy(staging.resolve("tls.crt"), this.directory.resolve("tls.crt"));
		this.client.awaitSerial(this.port, second.serialHex(), TIMEOUT);
		assertOneReload(ReloadTrigger.WATCH, second);
	}

	@Test
	void inPlaceTruncateAndWriteIsServed() throws Exception {
		startWithoutPolling(this.directory);
		Issued second = issue("second.example");
		PemFiles.overwrite(this.directory.resolve("tls.key"), PemFiles.pkcs8(second.keyPair().getPrivate()));
		PemFiles.overwrite(this.directory.resolve("tls.crt"), PemFiles.certificates(second.chain()));
		this.client.awaitSerial(this.port, second.serialHex(), TIMEOUT);
		assertOneReload(ReloadTrigger.WATCH, second);
	}

	@Test
	void deletedFilesKeepTheCertificateServedAndAreReloadedWhenTheyComeBack() throws Exception {
		startWithoutPolling(this.directory);
		Files.delete(this.directory.resolve("tls.crt"));
		Files.delete(this.directory.resolve("tls.key"));
		ReloadResult rejected = awaitResult(ReloadOutcome.REJECTED);
		assertThat(rejected.reason()).isEqualTo("parse");
		assertThat(rejected.message()).contains("does not exist").contains(this.directory.toString());
		for (int i = 0; i < 3; i++) {
			assertThat(this.client.servedSerial(this.port)).isEqualTo(this.first.serialHex());
		}
		Issued second = issue("second.example");
		writePem(this.directory, second);
		this.client.awaitSerial(this.port, second.serialHex(), TIMEOUT);
	}

	@Test
	void deleteThenRecreateIsServed() throws Exception {
		startWithoutPolling(this.directory);
		Issued second = issue("second.example");
		Files.delete(this.directory.resolve("tls.crt"));
		Files.delete(this.directory.resolve("tls.key"));
		writePem(this.directory, second);
		this.client.awaitSerial(this.port, second.serialHex(), TIMEOUT);
		assertOneReload(ReloadTrigger.WATCH, second);
	}

	@Test
	void wholeDirectoryReplacedIsServed() throws Exception {
		startWithoutPolling(this.directory);
		Issued second = issue("second.example");
		Path replacement = Files.createDirectory(this.temp.resolve("tls.new"));
		writePem(replacement, second);
		Files.move(this.directory, this.temp.resolve("tls.old"), StandardCopyOption.ATOMIC_MOVE);
		Files.move(replacement, this.directory, StandardCopyOption.ATOMIC_MOVE);
		this.client.awaitSerial(this.port, second.serialHex(), TIMEOUT);
		assertOneReload(ReloadTrigger.WATCH, second);
		Issued third = issue("third.example");
		PemFiles.replace(this.directory.resolve("tls.key"), PemFiles.pkcs8(third.keyPair().getPrivate()));
		PemFiles.replace(this.directory.resolve("tls.crt"), PemFiles.certificates(third.chain()));
		this.client.awaitSerial(this.port, third.serialHex(), TIMEOUT);
	}

	@Test
	void swappedLinkToParentDirectoryIsServed() throws Exception {
		Path current = Files.createSymbolicLink(this.temp.resolve("current"), Path.of("tls"));
		startWithoutPolling(current);
		Issued second = issue("second.example");
		writePem(Files.createDirectory(this.temp.resolve("tls-2")), second);
		Path link = Files.createSymbolicLink(this.temp.resolve("current.tmp"), Path.of("tls-2"));
		Files.move(link, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		this.client.awaitSerial(this.port, second.serialHex(), TIMEOUT);
		assertOneReload(ReloadTrigger.WATCH, second);
	}

	@Test
	void pollOnlyModeFindsChange() throws Exception {
		start(this.directory, "hotcert.watch.mode=poll", "hotcert.watch.poll-interval=1s");
		Issued second = issue("second.example");
		PemFiles.replace(this.directory.resolve("tls.key"), PemFiles.pkcs8(second.keyPair().getPrivate()));
		PemFiles.replace(this.directory.resolve("tls.crt"), PemFiles.certificates(second.chain()));
		this.client.awaitSerial(this.port, second.serialHex(), TIMEOUT);
		assertOneReload(ReloadTrigger.POLL, second);
	}

	@Test
	void pollingFindsChangeThatProducedNoFileEvent() throws Exception {
		Path source = Files.createDirectory(this.temp.resolve("source"));
		writePem(source, this.first);
		Path linked = Files.createDirectory(this.temp.resolve("linked"));
		Files.createLink(linked.resolve("tls.crt"), source.resolve("tls.crt"));
		Files.createLink(linked.resolve("tls.key"), source.resolve("tls.key"));
		start(linked, "hotcert.watch.poll-interval=1s");
		Issued second = issue("second.example");
		PemFiles.overwrite(source.resolve("tls.key"), PemFiles.pkcs8(second.keyPair().getPrivate()));
		PemFiles.overwrite(source.resolve("tls.crt"), PemFiles.certificates(second.chain()));
		this.client.awaitSerial(this.port, second.serialHex(), TIMEOUT);
		assertOneReload(ReloadTrigger.POLL, second);
	}

	@ParameterizedTest
	@ValueSource(strings = { "poll", "watch+poll" })
	void fileWrittenInTwoHalvesIsValidatedOnlyWhenComplete(String mode) throws Exception {
		start(this.directory, "hotcert.watch.mode=" + mode, "hotcert.watch.poll-interval=50ms");
		Issued second = issue("second.example");
		byte[] certificate = PemFiles.certificates(second.chain()).getBytes(StandardCharsets.US_ASCII);
		int half = certificate.length / 2;
		PemFiles.replace(this.directory.resolve("tls.key"), PemFiles.pkcs8(second.keyPair().getPrivate()));
		Files.write(this.directory.resolve("tls.crt"), slice(certificate, 0, half),
				StandardOpenOption.TRUNCATE_EXISTING);
		awaitPollAfterNow();
		Files.write(this.directory.resolve("tls.crt"), slice(certificate, half, certificate.length),
				StandardOpenOption.APPEND);
		this.client.awaitSerial(this.port, second.serialHex(), TIMEOUT);
		assertOneReload(second, ReloadTrigger.POLL, ReloadTrigger.WATCH);
	}

	@Test
	void continuousWritesInTheDirectoryCannotPostponeAReloadBeyondTheMaximumWait() throws Exception {
		Path ca = this.directory.resolve("ca.crt");
		String authority = PemFiles.certificate(this.authority.certificate());
		Files.writeString(ca, authority);
		startWithoutPolling(this.directory, "spring.ssl.bundle.pem.web.truststore.certificate=" + ca);
		Path log = this.directory.resolve("unrelated.log");
		try (ContinuousWrites writes = ContinuousWrites.start(Duration.ofMillis(100), TIMEOUT, (write) -> {
			PemFiles.replace(ca, authority);
			PemFiles.overwrite(log, "line " + write);
		})) {
			await().atMost(TIMEOUT).until(() -> writes.count() >= 3);
			Issued second = issue("second.example");
			long start = System.nanoTime();
			PemFiles.replace(this.directory.resolve("tls.key"), PemFiles.pkcs8(second.keyPair().getPrivate()));
			PemFiles.replace(this.directory.resolve("tls.crt"), PemFiles.certificates(second.chain()));
			this.client.awaitSerial(this.port, second.serialHex(), TIMEOUT);
			long elapsed = System.nanoTime() - start;
			assertThat(writes.isWriting()).as("still writing when the new certificate was served").isTrue();
			assertOneReload(ReloadTrigger.WATCH, second);
			System.out.printf(
					"New certificate served %d ms after the change, under writes every 100 ms (bound: quiet period 250 ms + maximum wait 2000 ms)%n",
					TimeUnit.NANOSECONDS.toMillis(elapsed));
		}
	}

	/**
	 * Wait until a round of polling started after now has compared every file.
	 */
	private void awaitPollAfterNow() {
		CertificateFileWatcher watcher = this.application.getBean(CertificateFileWatcher.class);
		long polls = watcher.getStatistics().polls();
		await().atMost(TIMEOUT).until(() -> watcher.getStatistics().polls() >= polls + 2);
	}

	private void assertOneReload(ReloadTrigger trigger, Issued expected) {
		assertOneReload(expected, trigger);
	}

	private void assertOneReload(Issued expected, ReloadTrigger... triggers) {
		RecordedReloads reloads = this.application.getBean(RecordedReloads.class);
		await().atMost(TIMEOUT).until(() -> !reloads.withOutcome(ReloadOutcome.RELOADED).isEmpty());
		assertThat(reloads.withOutcome(ReloadOutcome.REJECTED)).isEmpty();
		assertThat(reloads.withOutcome(ReloadOutcome.RELOADED)).singleElement().satisfies((result) -> {
			assertThat(result.trigger()).isIn((Object[]) triggers);
			assertThat(result.newCertificate().serialNumber()).isEqualTo(expected.serialHex());
		});
	}

	private ReloadResult awaitResult(ReloadOutcome outcome) {
		RecordedReloads reloads = this.application.getBean(RecordedReloads.class);
		await().atMost(TIMEOUT).until(() -> !reloads.withOutcome(outcome).isEmpty());
		return reloads.withOutcome(outcome).get(0);
	}

	/**
	 * Start with a poll interval far longer than the test, so that only file events can
	 * find the change.
	 */
	private void startWithoutPolling(Path directory, String... properties) throws IOException {
		start(directory, TestWebApplication.concat(new String[] { "hotcert.watch.poll-interval=1h" }, properties));
	}

	private void start(Path directory, String... properties) throws IOException {
		this.application.run(new Class<?>[] { RecordedReloads.class },
				TestWebApplication.concat(
						TestWebApplication.pemBundle("web", directory.resolve("tls.crt"), directory.resolve("tls.key")),
						properties));
		this.port = this.application.port();
		assertThat(this.client.servedSerial(this.port)).isEqualTo(this.first.serialHex());
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

	private static void writePem(Path directory, Issued issued) throws IOException {
		Files.writeString(directory.resolve("tls.crt"), PemFiles.certificates(issued.chain()));
		Files.writeString(directory.resolve("tls.key"), PemFiles.pkcs8(issued.keyPair().getPrivate()));
	}

	private static void copy(Path source, Path target) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("cp", source.toString(), target.toString()).inheritIO().start();
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
	}

	private static byte[] slice(byte[] bytes, int from, int to) {
		byte[] slice = new byte[to - from];
		System.arraycopy(bytes, from, slice, 0, slice.length);
		return slice;
	}

}
