package io.github.hotcert.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.hotcert.follow.FollowingSslBundle;
import io.github.hotcert.source.ContentReader;
import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.source.MaterialSources;
import io.github.hotcert.source.StoreSource;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.MaterialValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ManagedSslBundleRegistry}: bundles that application code publishes
 * through Spring Boot's registry under the name of a managed bundle go through the
 * reloader.
 */
@ExtendWith(OutputCaptureExtension.class)
class ManagedSslBundleRegistryTests {

	private final TestCertificates certificates = TestCertificates.now();

	private final Issued authority = this.certificates.authority("registry test CA");

	private final ManagedSslBundleRegistry registry = new ManagedSslBundleRegistry();

	private final List<SslBundle> updates = new CopyOnWriteArrayList<>();

	private final List<ReloadResult> events = new CopyOnWriteArrayList<>();

	@TempDir
	Path directory;

	private Issued first;

	private SslBundle initial;

	private CertificateReloader reloader;

	@BeforeEach
	void start() throws IOException {
		this.first = write(issue("first"));
		MaterialSource source = source();
		this.initial = source.load().getSslBundle();
		this.registry.registerBundle("web", this.initial);
		this.registry.addBundleUpdateHandler("web", this.updates::add);
		ManagedBundle bundle = new ManagedBundle(source,
				new RegistryBundlePublisher("web", this.registry, this.registry), 20);
		this.reloader = new CertificateReloader(List.of(bundle),
				MaterialValidator.withDefaultChecks(Clock.systemUTC(), TestValidation.policy()),
				(event) -> this.events.add(((CertificateReloadEvent) event).getResult()), Clock.systemUTC());
		this.reloader.initialize();
	}

	@Test
	void publishesAValidBundleOfApplicationCodeAndRecordsIt(CapturedOutput output) {
		Issued second = issue("second");
		SslBundle published = bundle(second, second);
		this.registry.updateBundle("web", published);
		assertThat(this.updates).singleElement().isSameAs(published);
		assertThat(this.registry.getPublished("web")).isSameAs(published);
		assertThat(followed("web")).isSameAs(published);
		ManagedBundle web = this.reloader.getBundle("web");
		assertThat(web.getServed().leaf().serialNumber()).isEqualTo(second.serialHex());
		assertThat(web.getServed().contentHash()).as("not read from the files").isNull();
		assertThat(web.getLastResult()).satisfies((result) -> {
			assertThat(result.trigger()).isEqualTo(ReloadTrigger.REGISTRY);
			assertThat(result.outcome()).isEqualTo(ReloadOutcome.RELOADED);
			assertThat(result.previousCertificate().serialNumber()).isEqualTo(this.first.serialHex());
			assertThat(result.newCertificate().serialNumber()).isEqualTo(second.serialHex());
		});
		assertThat(web.getHistory()).extracting(ReloadResult::trigger)
			.containsExactly(ReloadTrigger.REGISTRY, ReloadTrigger.STARTUP);
		assertThat(this.events).extracting(ReloadResult::trigger)
			.containsExactly(ReloadTrigger.STARTUP, ReloadTrigger.REGISTRY);
		assertThat(output).contains("Reloaded SSL bundle 'web' (registry): CN=first serial " + this.first.serialHex());
	}

	@Test
	void refusesABundleOfApplicationCodeWhoseKeyDoesNotMatchAndKeepsThePreviousOne(CapturedOutput output) {
		Issued second = issue("second");
		SslBundle mismatched = bundle(second, issue("other"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.updateBundle("web", mismatched))
			.withMessageStartingWith("SSL bundle 'web' was not updated (key-match): private key in 'the bundle given "
					+ "to SslBundleRegistry.updateBundle(\"web\")' does not match certificate CN=second serial "
					+ second.serialHex())
			.withMessageEndingWith("still serving " + this.reloader.getBundle("web").getServed().leaf().describe());
		assertThat(this.updates).isEmpty();
		assertThat(this.registry.getPublished("web")).isSameAs(this.initial);
		assertThat(followed("web")).isSameAs(this.initial);
		ManagedBundle web = this.reloader.getBundle("web");
		assertThat(web.getServed().leaf().serialNumber()).isEqualTo(this.first.serialHex());
		assertThat(web.getLastResult().trigger()).isEqualTo(ReloadTrigger.REGISTRY);
		assertThat(web.getLastResult().outcome()).isEqualTo(ReloadOutcome.REJECTED);
		assertThat(web.getLastResult().reason()).isEqualTo("key-match");
		assertThat(web.hasPendingChange()).as("the files hold what is served").isFalse();
		assertThat(web.getRejectionCount()).isOne();
		assertThat(output).contains("Rejected new material for SSL bundle 'web' (registry, key-match)");
	}

	@Test
	void publishesItsOwnReloadsToTheHandlersWithoutInterceptingThem() throws IOException {
		Issued second = write(issue("second"));
		ReloadResult result = this.reloader.reload("web", ReloadRequest.of(ReloadTrigger.WATCH));
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.RELOADED);
		assertThat(this.updates).singleElement().isSameAs(this.registry.getPublished("web"));
		assertThat(followed("web")).isSameAs(this.registry.getPublished("web"));
		assertThat(this.events).extracting(ReloadResult::trigger)
			.containsExactly(ReloadTrigger.STARTUP, ReloadTrigger.WATCH);
		assertThat(this.reloader.getBundle("web").getServed().leaf().serialNumber()).isEqualTo(second.serialHex());
	}

	@Test
	void leavesTheUpdatesOfBundlesItDoesNotManageToSpringBootAndMakesTheBundleHandedOutFollowThem() {
		Issued other = issue("other");
		this.registry.registerBundle("unmanaged", bundle(other, other));
		SslBundle handedOut = this.registry.getBundle("unmanaged");
		List<SslBundle> unmanagedUpdates = new CopyOnWriteArrayList<>();
		this.registry.addBundleUpdateHandler("unmanaged", unmanagedUpdates::add);
		SslBundle mismatched = bundle(issue("next"), other);
		this.registry.updateBundle("unmanaged", mismatched);
		assertThat(unmanagedUpdates).singleElement().isSameAs(mismatched);
		assertThat(this.events).extracting(ReloadResult::trigger).containsExactly(ReloadTrigger.STARTUP);
		assertThat(this.registry.getBundle("unmanaged")).isSameAs(handedOut);
		assertThat(followed("unmanaged")).isSameAs(mismatched);
	}

	@Test
	void handsOutOneBundlePerNameThatFollowsEveryPublication() throws IOException {
		SslBundle handedOut = this.registry.getBundle("web");
		assertThat(handedOut).isInstanceOf(FollowingSslBundle.class).isSameAs(this.registry.getBundle("web"));
		assertThat(followed("web")).isSameAs(this.initial);
		write(issue("second"));
		this.reloader.reload("web", ReloadRequest.of(ReloadTrigger.WATCH));
		assertThat(this.registry.getBundle("web")).isSameAs(handedOut);
		assertThat(followed("web")).isSameAs(this.registry.getPublished("web")).isNotSameAs(this.initial);
	}

	@Test
	void aBundleAServerRefusesIsFollowedNoLongerThanItIsPublishedAndExactlyThePreviousBundleIsPublishedAgain()
			throws IOException {
		this.registry.getBundle("web");
		List<SslBundle> applied = new CopyOnWriteArrayList<>();
		this.registry.addBundleUpdateHandler("web", (bundle) -> {
			applied.add(bundle);
			assertThat(followed("web")).as("what a handler reads from the registry is what it is given")
				.isSameAs(bundle);
			if (bundle != this.initial) {
				throw new IllegalStateException("the server refused it");
			}
		});
		write(issue("second"));
		ReloadResult result = this.reloader.reload("web", ReloadRequest.of(ReloadTrigger.WATCH));
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.REJECTED);
		assertThat(result.reason()).isEqualTo("apply");
		assertThat(applied).hasSize(2).last().isSameAs(this.initial);
		assertThat(this.reloader.getBundle("web").getPublisher().getCurrent()).isSameAs(this.initial);
		assertThat(this.registry.getPublished("web")).isSameAs(this.initial);
		assertThat(followed("web")).isSameAs(this.initial);
	}

	@Test
	void takesTheBundleAFollowingBundleFollowsWhenApplicationCodePublishesIt() {
		Issued second = issue("second");
		SslBundle published = bundle(second, second);
		FollowingSslBundle following = new FollowingSslBundle("copy", published);
		this.registry.updateBundle("web", following);
		assertThat(this.registry.getPublished("web")).isSameAs(published);
		assertThat(followed("web")).isSameAs(published);
	}

	private SslBundle followed(String name) {
		assertThat(this.registry.getBundle(name)).isInstanceOf(FollowingSslBundle.class);
		return ((FollowingSslBundle) this.registry.getBundle(name)).getFollowed();
	}

	private SslBundle bundle(Issued certificate, Issued key) {
		return SslBundle
			.of(new PemSslStoreBundle(PemSslStoreDetails.forCertificate(PemFiles.certificates(certificate.chain()))
				.withPrivateKey(PemFiles.pkcs8(key.keyPair().getPrivate())), null));
	}

	private MaterialSource source() {
		ContentReader reader = new ContentReader(ApplicationResourceLoader.get(), DataSize.ofKilobytes(64));
		MaterialSources sources = new MaterialSources(ApplicationResourceLoader.get(), reader);
		return new MaterialSource("web", reader,
				StoreSource.pem(null, sources.location("test.certificate", file("tls.crt").toString()),
						sources.location("test.private-key", file("tls.key").toString()), null),
				null, null, null, null);
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

	private Issued write(Issued issued) throws IOException {
		Files.writeString(file("tls.key"), PemFiles.pkcs8(issued.keyPair().getPrivate()));
		Files.writeString(file("tls.crt"), PemFiles.certificates(issued.chain()));
		return issued;
	}

	private Path file(String name) {
		return this.directory.resolve(name);
	}

}
