package io.github.hotcert.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.hotcert.source.ContentReader;
import io.github.hotcert.source.MaterialLocation;
import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.source.MaterialSources;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.MaterialValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * Tests for {@link SslBundleRebinder}, with bundles whose material is written in the
 * configuration and an environment whose properties the tests change.
 */
@ExtendWith(OutputCaptureExtension.class)
class SslBundleRebinderTests {

	private final TestCertificates certificates = TestCertificates.now();

	private final Issued authority = this.certificates.authority("rebinder test CA");

	private final Map<String, Object> properties = new LinkedHashMap<>();

	private final StandardEnvironment environment = new StandardEnvironment();

	private final ManagedSslBundleRegistry registry = new ManagedSslBundleRegistry();

	private final ReloadLifecycle lifecycle = mock(ReloadLifecycle.class);

	private MaterialSources materialSources;

	private CertificateReloader reloader;

	@TempDir
	Path directory;

	@BeforeEach
	void setUp() {
		this.environment.getPropertySources().addFirst(new MapPropertySource("test", this.properties));
		ContentReader reader = new ContentReader(ApplicationResourceLoader.get(), DataSize.ofKilobytes(64));
		this.materialSources = new MaterialSources(ApplicationResourceLoader.get(), reader);
	}

	@Test
	void reloadsOnlyTheBundlesWhoseConfigurationChanged() {
		Issued web = inline("web", issue("web"));
		Issued api = inline("api", issue("api"));
		start();
		Issued pushed = inline("web", issue("pushed"));
		List<ReloadResult> results = rebinder().rebind(Set.of("spring.ssl.bundle.pem.web.keystore.certificate",
				"spring.ssl.bundle.pem.web.keystore.private-key"));
		assertThat(results).singleElement().satisfies((result) -> {
			assertThat(result.bundle()).isEqualTo("web");
			assertThat(result.trigger()).isEqualTo(ReloadTrigger.CONFIGURATION);
			assertThat(result.outcome()).isEqualTo(ReloadOutcome.RELOADED);
			assertThat(result.previousCertificate().serialNumber()).isEqualTo(web.serialHex());
			assertThat(result.newCertificate().serialNumber()).isEqualTo(pushed.serialHex());
		});
		assertThat(servedSerial("web")).isEqualTo(pushed.serialHex());
		assertThat(registrySerial("web")).isEqualTo(pushed.serialHex());
		assertThat(servedSerial("api")).isEqualTo(api.serialHex());
		assertThat(this.reloader.getBundle("api").getHistory()).hasSize(1);
		assertThat(rebinder().rebind()).as("nothing changed since").isEmpty();
	}

	@Test
	void bindsNothingWhenNoSslBundlePropertyChanged() {
		Issued web = inline("web", issue("web"));
		start();
		inline("web", issue("pushed"));
		assertThat(rebinder().rebind(Set.of("server.port", "spring.application.name"))).isEmpty();
		assertThat(servedSerial("web")).isEqualTo(web.serialHex());
	}

	@Test
	void refusesPushedMaterialThatIsNotValidAndKeepsServing() {
		Issued web = inline("web", issue("web"));
		start();
		this.properties.put("spring.ssl.bundle.pem.web.keystore.private-key",
				PemFiles.pkcs8(issue("other").keyPair().getPrivate()));
		ReloadResult rejected = rebinder().rebind().get(0);
		assertThat(rejected.outcome()).isEqualTo(ReloadOutcome.REJECTED);
		assertThat(rejected.reason()).isEqualTo("key-match");
		assertThat(rejected.message()).contains("property spring.ssl.bundle.pem.web.keystore.private-key")
			.doesNotContain("BEGIN");
		assertThat(servedSerial("web")).isEqualTo(web.serialHex());
		assertThat(registrySerial("web")).isEqualTo(web.serialHex());
		assertThat(this.reloader.getBundle("web").hasPendingChange()).isTrue();
		Issued fixed = inline("web", issue("fixed"));
		assertThat(rebinder().rebind()).singleElement()
			.satisfies((result) -> assertThat(result.outcome()).isEqualTo(ReloadOutcome.RELOADED));
		assertThat(registrySerial("web")).isEqualTo(fixed.serialHex());
	}

	@Test
	void publishesAgainWhenOnlyTheSettingsOfUnchangedContentChanged() {
		Issued web = inline("web", issue("web"));
		start();
		this.properties.put("spring.ssl.bundle.pem.web.protocol", "TLSv1.3");
		ReloadResult result = rebinder().rebind().get(0);
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.RELOADED);
		assertThat(result.newCertificate().serialNumber()).isEqualTo(web.serialHex());
		assertThat(this.registry.getBundle("web").getProtocol()).isEqualTo("TLSv1.3");
	}

	@Test
	void watchesTheNewFilesOfABundleWhosePathsChanged() throws Exception {
		inline("web", issue("web"));
		start();
		Issued onDisk = issue("on-disk");
		Path certificate = Files.writeString(this.directory.resolve("tls.crt"), PemFiles.certificates(onDisk.chain()));
		Path key = Files.writeString(this.directory.resolve("tls.key"), PemFiles.pkcs8(onDisk.keyPair().getPrivate()));
		this.properties.put("spring.ssl.bundle.pem.web.keystore.certificate", certificate.toString());
		this.properties.put("spring.ssl.bundle.pem.web.keystore.private-key", key.toString());
		assertThat(rebinder().rebind().get(0).outcome()).isEqualTo(ReloadOutcome.RELOADED);
		ManagedBundle bundle = this.reloader.getBundle("web");
		assertThat(bundle.getSource().getFiles()).containsExactly(certificate, key);
		assertThat(bundle.getSource().getLocations()).extracting(MaterialLocation::origin)
			.containsOnly(MaterialLocation.Origin.FILE);
		then(this.lifecycle).should().rewatch(bundle);
	}

	@Test
	void doesNotMoveTheWatchesOfABundleWhoseFilesStayTheSame() {
		inline("web", issue("web"));
		start();
		inline("web", issue("pushed"));
		rebinder().rebind();
		then(this.lifecycle).should(never()).rewatch(this.reloader.getBundle("web"));
	}

	@Test
	void saysWhatCannotChangeWhileTheApplicationRuns(CapturedOutput output) {
		Issued web = inline("web", issue("web"));
		inline("api", issue("api"));
		start();
		this.properties.remove("spring.ssl.bundle.pem.api.keystore.certificate");
		this.properties.remove("spring.ssl.bundle.pem.api.keystore.private-key");
		inline("new", issue("new"));
		assertThat(rebinder().rebind(Set.of("spring.ssl.bundle.pem.api.keystore.certificate",
				"spring.ssl.bundle.pem.new.keystore.certificate", "server.ssl.key-store-password")))
			.isEmpty();
		assertThat(output)
			.contains("SSL bundle 'api' is no longer configured: it keeps serving its material until "
					+ "the application is restarted")
			.contains("SSL bundle 'new' is configured now, but nothing uses a bundle that did not exist when the "
					+ "application started")
			.contains("The properties [server.ssl.key-store-password] changed, but a web server takes its "
					+ "'server.ssl' configuration only when it starts")
			.doesNotContain("BEGIN");
		assertThat(servedSerial("web")).isEqualTo(web.serialHex());
		assertThat(servedSerial("api")).isNotNull();
	}

	@Test
	void leavesTheBundlesThatCodeRegistersAlone(CapturedOutput output) throws Exception {
		inline("web", issue("web"));
		Issued acme = issue("acme");
		Path certificate = this.directory.resolve("tls.crt");
		Path key = this.directory.resolve("tls.key");
		Files.writeString(certificate, PemFiles.certificates(acme.chain()));
		Files.writeString(key, PemFiles.pkcs8(acme.keyPair().getPrivate()));
		start(this.materialSources.fromPemFiles("acme", "hotcert.acme.bundle.acme.storage.", certificate, key));
		inline("web", issue("web"));
		assertThat(rebinder().rebind(Set.of("spring.ssl.bundle.pem.web.keystore.certificate")))
			.extracting(ReloadResult::bundle)
			.containsExactly("web");
		assertThat(output).doesNotContain("SSL bundle 'acme'");
		assertThat(servedSerial("acme")).isEqualTo(acme.serialHex());
	}

	private void start(MaterialSource... registered) {
		SslProperties sslProperties = Binder.get(this.environment)
			.bind("spring.ssl", SslProperties.class)
			.orElseGet(SslProperties::new);
		List<ManagedBundle> bundles = new ArrayList<>();
		List<MaterialSource> sources = new ArrayList<>(this.materialSources.fromSslProperties(sslProperties));
		sources.addAll(List.of(registered));
		for (MaterialSource source : sources) {
			this.registry.registerBundle(source.getBundleName(), source.load().getSslBundle());
			bundles.add(new ManagedBundle(source,
					new RegistryBundlePublisher(source.getBundleName(), this.registry, this.registry), 10));
		}
		this.reloader = new CertificateReloader(bundles,
				MaterialValidator.withDefaultChecks(Clock.systemUTC(), TestValidation.policy()), (event) -> {
				}, Clock.systemUTC());
		this.reloader.initialize();
	}

	private SslBundleRebinder rebinder() {
		return new SslBundleRebinder(this.reloader, this.materialSources, this.environment, this.lifecycle);
	}

	private Issued inline(String bundle, Issued issued) {
		String prefix = "spring.ssl.bundle.pem." + bundle + ".keystore.";
		this.properties.put(prefix + "certificate", PemFiles.certificates(issued.chain()));
		this.properties.put(prefix + "private-key", PemFiles.pkcs8(issued.keyPair().getPrivate()));
		return issued;
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName + ".example"), this.authority);
	}

	private String servedSerial(String bundle) {
		return this.reloader.getBundle(bundle).getServed().leaf().serialNumber();
	}

	private String registrySerial(String bundle) {
		SslBundle sslBundle = this.registry.getBundle(bundle);
		try {
			String alias = sslBundle.getStores().getKeyStore().aliases().nextElement();
			return ((X509Certificate) sslBundle.getStores().getKeyStore().getCertificate(alias)).getSerialNumber()
				.toString(16);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
