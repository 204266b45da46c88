package io.github.hotcert.reload;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.hotcert.source.ContentReader;
import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.source.MaterialSources;
import io.github.hotcert.source.StoreSource;
import io.github.hotcert.testsupport.PemBundleDirectory;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.MaterialValidator;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import io.micrometer.tracing.test.simple.TracerAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the {@link ReloadObservationDocumentation#RELOAD reload observation} of
 * {@link CertificateReloader}.
 */
class ReloadObservationTests {

	private final TestCertificates certificates = TestCertificates.now();

	@TempDir
	Path directory;

	private PemBundleDirectory files;

	private Issued authority;

	@BeforeEach
	void setUp() {
		this.files = new PemBundleDirectory(this.directory);
		this.authority = this.certificates.authority("observation test CA");
	}

	@Test
	void observesEveryReloadWithTheKeysOfTheReloadCounter() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		this.files.write(issue("first"));
		CertificateReloader reloader = reloader(registry, (event) -> {
		});
		reloader.initialize();
		this.files.replace(issue("second"));
		reloader.reload("web", ReloadRequest.of(ReloadTrigger.WATCH));
		this.files.replace(issue("third"), issue("other"));
		reloader.reload("web", ReloadRequest.of(ReloadTrigger.MANUAL));
		TestObservationRegistryAssert.assertThat(registry)
			.hasNumberOfObservationsWithNameEqualTo(DefaultReloadObservationConvention.NAME, 3)
			.forAllObservationsWithNameEqualTo(DefaultReloadObservationConvention.NAME,
					(observation) -> observation.hasContextualNameEqualTo("reload web")
						.hasLowCardinalityKeyValue("bundle", "web")
						.doesNotHaveError())
			.hasHandledContextsThatSatisfy(
					(contexts) -> assertThat(contexts).extracting((context) -> context.getLowCardinalityKeyValues())
						.containsExactly(keyValues("startup", "unchanged", "none"),
								keyValues("watch", "reloaded", "none"), keyValues("manual", "rejected", "key-match")));
		assertThat(stopped).hasSize(3);
		assertThat(registry.getCurrentObservation()).isNull();
	}

	@Test
	void aReloadIsASpanThatIsCurrentWhileItsListenersRun() {
		SimpleTracer tracer = new SimpleTracer();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
		List<Span> currentInListeners = new CopyOnWriteArrayList<>();
		this.files.write(issue("first"));
		CertificateReloader reloader = reloader(registry, (event) -> currentInListeners.add(tracer.currentSpan()));
		this.files.replace(issue("second"));
		reloader.reload("web", ReloadRequest.of(ReloadTrigger.WATCH));
		SimpleSpan span = tracer.onlySpan();
		TracerAssert.assertThat(tracer)
			.onlySpan()
			.hasNameEqualTo("reload web")
			.hasTag("bundle", "web")
			.hasTag("trigger", "watch")
			.hasTag("outcome", "reloaded")
			.hasTag("reason", "none")
			.isEnded();
		assertThat(currentInListeners).singleElement()
			.satisfies((current) -> assertThat(current.context().spanId()).isEqualTo(span.context().spanId()));
		assertThat(tracer.currentSpan()).isNull();
	}

	@Test
	void usesTheConventionItIsGiven() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.files.write(issue("first"));
		CertificateReloader reloader = reloader(registry, (event) -> {
		});
		reloader.setObservationConvention(new DefaultReloadObservationConvention() {

			@Override
			public String getName() {
				return "tls.reload";
			}

		});
		reloader.reload("web", ReloadRequest.of(ReloadTrigger.SIGNAL));
		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo("tls.reload")
			.that()
			.hasLowCardinalityKeyValue("trigger", "signal")
			.hasBeenStopped();
	}

	@Test
	void recordsAFailureOfTheReloadItself() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.files.write(issue("first"));
		IllegalStateException failure = new IllegalStateException("listener failed");
		CertificateReloader reloader = reloader(registry, (event) -> {
			throw failure;
		});
		assertThatIllegalStateException()
			.isThrownBy(() -> reloader.reload("web", ReloadRequest.of(ReloadTrigger.MANUAL)))
			.isSameAs(failure);
		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo(DefaultReloadObservationConvention.NAME)
			.that()
			.hasError(failure)
			.hasBeenStopped();
	}

	private static KeyValues keyValues(String trigger, String outcome, String reason) {
		return KeyValues.of("bundle", "web", "trigger", trigger, "outcome", outcome, "reason", reason);
	}

	private CertificateReloader reloader(ObservationRegistry registry, ApplicationEventPublisher events) {
		ContentReader reader = new ContentReader(ApplicationResourceLoader.get(), DataSize.ofKilobytes(64));
		MaterialSources sources = new MaterialSources(ApplicationResourceLoader.get(), reader);
		MaterialSource source = new MaterialSource("web", reader,
				StoreSource.pem(null, sources.location("test.certificate", this.files.certificate().toString()),
						sources.location("test.private-key", this.files.privateKey().toString()), null),
				null, null, null, null);
		CertificateReloader reloader = new CertificateReloader(
				List.of(new ManagedBundle(source, new LocalBundlePublisher("web"), 20)),
				MaterialValidator.withDefaultChecks(Clock.systemUTC(), TestValidation.policy()), events,
				Clock.systemUTC());
		reloader.setObservationRegistry(registry);
		return reloader;
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

}
