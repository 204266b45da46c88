package io.github.hotcert.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.hotcert.source.ContentReader;
import io.github.hotcert.source.MaterialLocation;
import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.source.MaterialSources;
import io.github.hotcert.source.StoreSource;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.Check;
import io.github.hotcert.validation.Finding;
import io.github.hotcert.validation.MaterialValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CertificateReloader}.
 */
@ExtendWith(OutputCaptureExtension.class)
class CertificateReloaderTests {

	private final TestCertificates certificates = TestCertificates.now();

	private final List<ReloadResult> events = new CopyOnWriteArrayList<>();

	@TempDir
	Path directory;

	private Issued authority;

	private LocalBundlePublisher publisher;

	private List<SslBundle> published;

	private CertificateReloader reloader;

	@BeforeEach
	void setUp() {
		this.authority = this.certificates.authority("reloader test CA");
		this.publisher = new LocalBundlePublisher("web");
		this.published = new CopyOnWriteArrayList<>();
		this.publisher.addUpdateHandler(this.published::add);
	}

	@Test
	void adoptsTheMaterialServedAtStartup() throws IOException {
		Issued first = write(issue("first"));
		ReloadResult result = createReloader().initialize().get(0);
		assertThat(result.trigger()).isEqualTo(ReloadTrigger.STARTUP);
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.UNCHANGED);
		assertThat(served()).isEqualTo(first.serialHex());
		assertThat(this.publisher.getCurrent()).isNotNull();
		assertThat(this.published).hasSize(1);
		assertThat(bundle().getLastSuccess()).isNotNull();
	}

	@Test
	void givesConsumersThatReadTheFilesThemselvesTheMaterialValidatedAtStartup() throws IOException {
		write(issue("first"));
		// The consumers read the first material, then the files change before the
		// watcher starts: no file event reports it
		Issued second = write(issue("second"));
		ReloadResult result = createReloader().initialize().get(0);
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.UNCHANGED);
		assertThat(served()).isEqualTo(second.serialHex());
		assertThat(this.published).singleElement()
			.satisfies((bundle) -> assertThat(leafSerial(bundle)).isEqualTo(second.serialHex()));
	}

	@Test
	void doesNotGiveConsumersMaterialRejectedAtStartup(CapturedOutput output) throws IOException {
		write(issue("first"));
		Files.writeString(certificateFile(), PemFiles.certificates(issue("second").chain()));
		ReloadResult result = createReloader().initialize().get(0);
		assertThat(result.findings()).extracting(Finding::check).contains(Check.KEY_MATCH);
		assertThat(this.published).isEmpty();
	}

	@Test
	void keepsTheMaterialValidatedAtStartupWhenAConsumerRefusesIt(CapturedOutput output) throws IOException {
		Issued first = write(issue("first"));
		this.publisher.addUpdateHandler((bundle) -> {
			throw new IllegalStateException("connector refused it");
		});
		ReloadResult result = createReloader().initialize().get(0);
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.UNCHANGED);
		assertThat(served()).isEqualTo(first.serialHex());
		assertThat(output).contains(
				"Unable to give the material of SSL bundle 'web' read at startup to its consumers: connector refused it");
	}

	@Test
	void publishesNewMaterialAfterValidatingIt() throws IOException {
		Issued first = write(issue("first"));
		initialize();
		Issued second = write(issue("second"));
		ReloadResult result = reload(ReloadTrigger.WATCH);
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.RELOADED);
		assertThat(result.previousCertificate().serialNumber()).isEqualTo(first.serialHex());
		assertThat(result.newCertificate().serialNumber()).isEqualTo(second.serialHex());
		assertThat(result.message()).contains("CN=first serial " + first.serialHex())
			.contains("CN=second serial " + second.serialHex());
		assertThat(this.published).hasSize(1);
		assertThat(served()).isEqualTo(second.serialHex());
		assertThat(bundle().getReloadCount()).isOne();
		assertThat(bundle().hasPendingChange()).isFalse();
		assertThat(this.events).extracting(ReloadResult::outcome)
			.containsExactly(ReloadOutcome.UNCHANGED, ReloadOutcome.RELOADED);
	}

	@Test
	void doesNothingWhenTheContentIsUnchanged() throws IOException {
		write(issue("first"));
		initialize();
		ReloadResult result = reload(ReloadTrigger.WATCH);
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.UNCHANGED);
		assertThat(this.published).isEmpty();
	}

	@Test
	void forceRepublishesUnchangedContent() throws IOException {
		write(issue("first"));
		initialize();
		ReloadResult result = this.reloader.reload("web", new ReloadRequest(ReloadTrigger.MANUAL, false, true, "ops"));
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.RELOADED);
		assertThat(result.principal()).isEqualTo("ops");
		assertThat(this.published).hasSize(1);
	}

	@Test
	void rejectsKeyThatDoesNotMatchCertificateAndKeepsServing(CapturedOutput output) throws IOException {
		Issued first = write(issue("first"));
		initialize();
		Issued second = issue("second");
		Files.writeString(certificateFile(), PemFiles.certificates(second.chain()));
		ReloadResult result = reload(ReloadTrigger.WATCH);
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.REJECTED);
		assertThat(result.reason()).isEqualTo("key-match");
		assertThat(result.message()).isEqualTo("private key in '%s' does not match certificate CN=second serial %s"
			.formatted(keyFile(), second.serialHex()));
		assertThat(this.published).isEmpty();
		assertThat(served()).isEqualTo(first.serialHex());
		assertThat(bundle().hasPendingChange()).isTrue();
		assertThat(bundle().getConsecutiveFailures()).isOne();
		assertThat(bundle().getRejectionCount()).isOne();
		assertThat(output).contains("Rejected new material for SSL bundle 'web' (watch, key-match)")
			.contains("still serving CN=first serial " + first.serialHex());
	}

	@Test
	void logsARepeatedRejectionOnce(CapturedOutput output) throws IOException {
		write(issue("first"));
		initialize();
		Files.writeString(certificateFile(), PemFiles.certificates(issue("second").chain()));
		reload(ReloadTrigger.WATCH);
		reload(ReloadTrigger.RETRY);
		reload(ReloadTrigger.RETRY);
		assertThat(output.toString().split("Rejected new material", -1)).hasSize(2);
		assertThat(bundle().getConsecutiveFailures()).isEqualTo(3);
	}

	@Test
	void keyThatDoesNotMatchYetWhileTheFilesAreBeingWrittenIsSettlingAndNotRecorded(CapturedOutput output)
			throws IOException {
		Issued first = write(issue("first"));
		initialize();
		Files.writeString(certificateFile(), PemFiles.certificates(issue("second").chain()));
		ReloadResult result = this.reloader.reload("web", ReloadRequest.whileWriting(ReloadTrigger.WATCH, true));
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.SETTLING);
		assertThat(result.reason()).isEqualTo("key-match");
		assertThat(this.published).isEmpty();
		assertThat(served()).isEqualTo(first.serialHex());
		assertThat(bundle().getRejectionCount()).isZero();
		assertThat(bundle().getConsecutiveFailures()).isZero();
		assertThat(bundle().hasPendingChange()).isFalse();
		assertThat(bundle().getHistory()).extracting(ReloadResult::outcome).containsExactly(ReloadOutcome.UNCHANGED);
		assertThat(this.events).extracting(ReloadResult::outcome).containsExactly(ReloadOutcome.UNCHANGED);
		assertThat(output).doesNotContain("Rejected new material");
	}

	@Test
	void fileMissingWhileTheFilesAreBeingWrittenIsSettling() throws IOException {
		write(issue("first"));
		initialize();
		Files.delete(keyFile());
		ReloadResult result = this.reloader.reload("web", ReloadRequest.whileWriting(ReloadTrigger.WATCH, true));
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.SETTLING);
		assertThat(result.reason()).isEqualTo("parse");
	}

	@Test
	void settlingMaterialThatIsCompleteIsPublished() throws IOException {
		write(issue("first"));
		initialize();
		Issued second = write(issue("second"));
		ReloadResult result = this.reloader.reload("web", ReloadRequest.whileWriting(ReloadTrigger.WATCH, true));
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.RELOADED);
		assertThat(served()).isEqualTo(second.serialHex());
	}

	@Test
	void settlingMaterialThatIsCompleteButInvalidIsRejected() throws IOException {
		write(issue("first"));
		initialize();
		Issued expired = this.certificates.issue(this.certificates.leaf("expired")
			.notBefore(Instant.now().minus(Duration.ofDays(30)))
			.notAfter(Instant.now().minus(Duration.ofDays(1))), this.authority);
		write(expired);
		ReloadResult result = this.reloader.reload("web", ReloadRequest.whileWriting(ReloadTrigger.WATCH, true));
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.REJECTED);
		assertThat(result.reason()).isEqualTo("dates");
		assertThat(bundle().getRejectionCount()).isOne();
	}

	@Test
	void rejectsUnreadableMaterialNamingTheFile() throws IOException {
		write(issue("first"));
		initialize();
		Files.delete(keyFile());
		ReloadResult result = reload(ReloadTrigger.WATCH);
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.REJECTED);
		assertThat(result.reason()).isEqualTo("parse");
		assertThat(result.message()).isEqualTo(
				"Unable to load private key for bundle 'web' from '%s': the file does not exist".formatted(keyFile()));
		assertThat(result.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.location()).isEqualTo(keyFile().toString());
			assertThat(finding.isRejection()).isTrue();
		});
	}

	@Test
	void dryRunValidatesWithoutPublishing() throws IOException {
		Issued first = write(issue("first"));
		initialize();
		Issued second = write(issue("second"));
		ReloadResult result = this.reloader.reload("web", new ReloadRequest(ReloadTrigger.MANUAL, true, false, null));
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.VALID);
		assertThat(result.newCertificate().serialNumber()).isEqualTo(second.serialHex());
		assertThat(this.published).isEmpty();
		assertThat(served()).isEqualTo(first.serialHex());
		assertThat(bundle().hasPendingChange()).isTrue();
		assertThat(bundle().getReloadCount()).isZero();
	}

	@Test
	void rollsBackWhenApplyingFails() throws IOException {
		Issued first = write(issue("first"));
		initialize();
		SslBundle initial = this.publisher.getCurrent();
		List<SslBundle> failing = new ArrayList<>();
		this.publisher.addUpdateHandler((bundle) -> {
			failing.add(bundle);
			if (bundle != initial) {
				throw new IllegalStateException("the server refused it");
			}
		});
		write(issue("second"));
		ReloadResult result = reload(ReloadTrigger.WATCH);
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.REJECTED);
		assertThat(result.reason()).isEqualTo("apply");
		assertThat(result.message()).contains("failed and was rolled back").contains("the server refused it");
		assertThat(this.publisher.getCurrent()).isSameAs(initial);
		assertThat(this.published).hasSize(2).last().isSameAs(initial);
		assertThat(failing).hasSize(2).last().isSameAs(initial);
		assertThat(served()).isEqualTo(first.serialHex());
	}

	@Test
	void publishesToSpringBootsRegistryAndReadsWhatItServesAtStartup() throws IOException {
		Issued first = write(issue("first"));
		DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
		MaterialSource source = source();
		registry.registerBundle("web", source.load().getSslBundle());
		List<SslBundle> updates = new CopyOnWriteArrayList<>();
		registry.addBundleUpdateHandler("web", updates::add);
		Issued second = write(issue("second"));
		ManagedBundle bundle = new ManagedBundle(source, new RegistryBundlePublisher("web", registry, registry), 20);
		this.reloader = new CertificateReloader(List.of(bundle), validator(), (event) -> {
		}, Clock.systemUTC());
		ReloadResult result = this.reloader.initialize().get(0);
		assertThat(result.outcome()).as("the files changed after Spring Boot loaded them")
			.isEqualTo(ReloadOutcome.RELOADED);
		assertThat(result.previousCertificate().serialNumber()).isEqualTo(first.serialHex());
		assertThat(updates).singleElement().isSameAs(registry.getBundle("web"));
		assertThat(bundle.getServed().leaf().serialNumber()).isEqualTo(second.serialHex());
	}

	@Test
	void rollsSpringBootsRegistryBackWhenAServerRefusesTheNewMaterial() throws IOException {
		Issued first = write(issue("first"));
		DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
		MaterialSource source = source();
		SslBundle initial = source.load().getSslBundle();
		registry.registerBundle("web", initial);
		List<SslBundle> applied = new CopyOnWriteArrayList<>();
		registry.addBundleUpdateHandler("web", applied::add);
		registry.addBundleUpdateHandler("web", (bundle) -> {
			if (bundle != initial) {
				throw new IllegalStateException("Tomcat refused the new material");
			}
		});
		ManagedBundle bundle = new ManagedBundle(source, new RegistryBundlePublisher("web", registry, registry), 20);
		this.reloader = new CertificateReloader(List.of(bundle), validator(), (event) -> {
		}, Clock.systemUTC());
		this.reloader.initialize();
		write(issue("second"));
		ReloadResult result = reload(ReloadTrigger.WATCH);
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.REJECTED);
		assertThat(result.reason()).isEqualTo("apply");
		assertThat(result.message()).contains("Tomcat refused the new material");
		assertThat(registry.getBundle("web")).isSameAs(initial);
		assertThat(applied).hasSize(2).last().isSameAs(initial);
		assertThat(bundle.getServed().leaf().serialNumber()).isEqualTo(first.serialHex());
	}

	@Test
	void keepsABoundedHistoryNewestFirst() throws IOException {
		write(issue("first"));
		this.reloader = new CertificateReloader(List.of(new ManagedBundle(source(), this.publisher, 3)), validator(),
				(event) -> this.events.add(((CertificateReloadEvent) event).getResult()), Clock.systemUTC());
		this.reloader.initialize();
		List<String> serials = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			serials.add(write(issue("rotation-" + i)).serialHex());
			reload(ReloadTrigger.WATCH);
		}
		assertThat(bundle().getHistory()).hasSize(3)
			.extracting((result) -> result.newCertificate().serialNumber())
			.containsExactly(serials.get(4), serials.get(3), serials.get(2));
	}

	@Test
	void serializesConcurrentReloadsOfABundle() throws Exception {
		write(issue("first"));
		initialize();
		write(issue("second"));
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<ReloadResult>> futures = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				futures.add(executor.submit(() -> reload(ReloadTrigger.MANUAL)));
			}
			List<ReloadOutcome> outcomes = new ArrayList<>();
			for (Future<ReloadResult> future : futures) {
				outcomes.add(future.get().outcome());
			}
			assertThat(outcomes).containsOnlyOnce(ReloadOutcome.RELOADED);
			assertThat(outcomes).filteredOn((outcome) -> outcome == ReloadOutcome.UNCHANGED).hasSize(39);
			assertThat(this.published).hasSize(1);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void reloadsFromANewSourceWithContentWrittenInTheConfiguration() throws IOException {
		Issued first = write(issue("first"));
		initialize();
		Issued pushed = issue("pushed");
		ReloadResult result = this.reloader.reload(inlineSource(pushed),
				new ReloadRequest(ReloadTrigger.CONFIGURATION, false, true, null));
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.RELOADED);
		assertThat(result.trigger()).isEqualTo(ReloadTrigger.CONFIGURATION);
		assertThat(result.previousCertificate().serialNumber()).isEqualTo(first.serialHex());
		assertThat(served()).isEqualTo(pushed.serialHex());
		assertThat(bundle().getSource().getFiles()).isEmpty();
		assertThat(bundle().getSource().getLocations()).extracting(MaterialLocation::origin)
			.containsOnly(MaterialLocation.Origin.CONFIGURATION);
		assertThat(result.message()).doesNotContain("BEGIN");
	}

	@Test
	void keepsServingWhenTheMaterialOfANewSourceIsRejectedAndReadsTheNewSourceFromThen() throws IOException {
		Issued first = write(issue("first"));
		initialize();
		MaterialSource mismatched = inlineSource(issue("pushed"), issue("other"));
		ReloadResult result = this.reloader.reload(mismatched,
				new ReloadRequest(ReloadTrigger.CONFIGURATION, false, true, null));
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.REJECTED);
		assertThat(result.reason()).isEqualTo("key-match");
		assertThat(served()).isEqualTo(first.serialHex());
		assertThat(this.published).isEmpty();
		assertThat(bundle().getSource()).isSameAs(mismatched);
		assertThat(bundle().hasPendingChange()).isTrue();
		assertThat(reload(ReloadTrigger.MANUAL).reason()).as("later reloads read the new source")
			.isEqualTo("key-match");
	}

	@Test
	void requiresARestartOnceMaterialIsPublishedThatAConsumerCannotFollow(CapturedOutput output) throws IOException {
		write(issue("first"));
		createReloader();
		bundle().addConsumer("following server", (bundle) -> {
		});
		bundle().addConsumerThatCannotFollow("fixed server");
		this.reloader.initialize();
		assertThat(bundle().getRestartRequired()).isNull();
		assertThat(bundle().getConsumers()).containsExactly("following server", "fixed server");
		assertThat(bundle().getConsumersThatCannotFollow()).containsExactly("fixed server");
		write(issue("second"));
		ReloadResult reloaded = reload(ReloadTrigger.WATCH);
		RestartRequired restartRequired = bundle().getRestartRequired();
		assertThat(restartRequired).isNotNull();
		assertThat(restartRequired.since()).isEqualTo(reloaded.time());
		assertThat(restartRequired.consumers()).containsExactly("fixed server");
		assertThat(output).contains("SSL bundle 'web' published new material that fixed server cannot take while the "
				+ "application runs: restart the application to serve it there");
		write(issue("third"));
		reload(ReloadTrigger.WATCH);
		assertThat(bundle().getRestartRequired().since()).as("since the first material it missed")
			.isEqualTo(reloaded.time());
	}

	@Test
	void requiresNoRestartForRejectedMaterial() throws IOException {
		write(issue("first"));
		createReloader();
		bundle().addConsumerThatCannotFollow("fixed server");
		this.reloader.initialize();
		writeMismatched(issue("second"), issue("other"));
		assertThat(reload(ReloadTrigger.WATCH).outcome()).isEqualTo(ReloadOutcome.REJECTED);
		assertThat(bundle().getRestartRequired()).isNull();
	}

	@Test
	void refusesAnUnknownBundle() throws IOException {
		write(issue("first"));
		createReloader();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.reloader.reload("nope", ReloadRequest.of(ReloadTrigger.MANUAL)))
			.withMessage("No SSL bundle named 'nope' is managed by hotcert");
	}

	/**
	 * Create the reloader and initialize it, then forget the startup publication to the
	 * consumers, to see what later reloads publish.
	 */
	private void initialize() {
		createReloader().initialize();
		this.published.clear();
	}

	private CertificateReloader createReloader() {
		this.reloader = new CertificateReloader(List.of(new ManagedBundle(source(), this.publisher, 20)), validator(),
				(event) -> this.events.add(((CertificateReloadEvent) event).getResult()), Clock.systemUTC());
		return this.reloader;
	}

	private MaterialValidator validator() {
		return MaterialValidator.withDefaultChecks(Clock.systemUTC(), TestValidation.policy());
	}

	private MaterialSource source() {
		ContentReader reader = new ContentReader(ApplicationResourceLoader.get(), DataSize.ofKilobytes(64));
		MaterialSources sources = new MaterialSources(ApplicationResourceLoader.get(), reader);
		return new MaterialSource("web", reader,
				StoreSource.pem(null, sources.location("test.certificate", certificateFile().toString()),
						sources.location("test.private-key", keyFile().toString()), null),
				null, null, null, null);
	}

	private MaterialSource inlineSource(Issued issued) {
		return inlineSource(issued, issued);
	}

	private MaterialSource inlineSource(Issued certificate, Issued key) {
		ContentReader reader = new ContentReader(ApplicationResourceLoader.get(), DataSize.ofKilobytes(64));
		MaterialSources sources = new MaterialSources(ApplicationResourceLoader.get(), reader);
		return new MaterialSource("web", reader,
				StoreSource.pem(null, sources.location("test.certificate", PemFiles.certificates(certificate.chain())),
						sources.location("test.private-key", PemFiles.pkcs8(key.keyPair().getPrivate())), null),
				null, null, null, null);
	}

	private void writeMismatched(Issued certificate, Issued key) throws IOException {
		Files.writeString(keyFile(), PemFiles.pkcs8(key.keyPair().getPrivate()));
		Files.writeString(certificateFile(), PemFiles.certificates(certificate.chain()));
	}

	private ReloadResult reload(ReloadTrigger trigger) {
		return this.reloader.reload("web", ReloadRequest.of(trigger));
	}

	private ManagedBundle bundle() {
		return this.reloader.getBundle("web");
	}

	private static String leafSerial(SslBundle bundle) {
		try {
			KeyStore keyStore = bundle.getStores().getKeyStore();
			String alias = keyStore.aliases().nextElement();
			return ((X509Certificate) keyStore.getCertificate(alias)).getSerialNumber().toString(16);
		}
		catch (KeyStoreException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String served() {
		return bundle().getServed().leaf().serialNumber();
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

	private Issued write(Issued issued) throws IOException {
		Files.writeString(keyFile(), PemFiles.pkcs8(issued.keyPair().getPrivate()));
		Files.writeString(certificateFile(), PemFiles.certificates(issued.chain()));
		return issued;
	}

	private Path certificateFile() {
		return this.directory.resolve("tls.crt");
	}

	private Path keyFile() {
		return this.directory.resolve("tls.key");
	}

}
