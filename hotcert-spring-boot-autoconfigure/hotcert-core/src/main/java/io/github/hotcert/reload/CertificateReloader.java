package io.github.hotcert.reload;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.source.MaterialLoadException;
import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.validation.MaterialValidator;
import io.github.hotcert.validation.ValidationResult;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

/**
 * Reloads managed bundles: loads the material from its source, skips it when it is
 * unchanged, validates it, and only then publishes it, rolling back if publishing fails.
 * A bundle that others publish under the name of a managed bundle (through
 * {@link ManagedSslBundleRegistry}) goes through the same validation and publication.
 * Reloads of one bundle are serialized; every reload is recorded and announced with a
 * {@link CertificateReloadEvent}, in order, before the next reload of the bundle starts,
 * except a reload of files still being written that found them incomplete
 * ({@link ReloadOutcome#SETTLING}): it is only returned to its caller. Every reload is an
 * {@link Observation} ({@link ReloadObservationDocumentation#RELOAD}) when an
 * {@link ObservationRegistry} is set.
 */
public class CertificateReloader {

	private static final ReloadObservationConvention DEFAULT_CONVENTION = new DefaultReloadObservationConvention();

	private final Map<String, ManagedBundle> bundles;

	private final MaterialValidator validator;

	private final ApplicationEventPublisher eventPublisher;

	private final Clock clock;

	private final Publication publication;

	private final ReloadLog log = new ReloadLog();

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private ReloadObservationConvention observationConvention;

	/**
	 * Create a new {@link CertificateReloader}.
	 * @param bundles the managed bundles
	 * @param validator the validator of new material
	 * @param eventPublisher the publisher of reload events
	 * @param clock the clock
	 */
	public CertificateReloader(Collection<ManagedBundle> bundles, MaterialValidator validator,
			ApplicationEventPublisher eventPublisher, Clock clock) {
		Assert.notNull(bundles, "'bundles' must not be null");
		Assert.notNull(validator, "'validator' must not be null");
		Assert.notNull(eventPublisher, "'eventPublisher' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		Map<String, ManagedBundle> byName = new LinkedHashMap<>();
		bundles.forEach((bundle) -> byName.put(bundle.getName(), bundle));
		this.bundles = byName;
		this.validator = validator;
		this.eventPublisher = eventPublisher;
		this.clock = clock;
		this.publication = new Publication(validator, clock);
		byName.values()
			.forEach((bundle) -> bundle.getPublisher().interceptUpdates((published) -> accept(bundle, published)));
	}

	/**
	 * Set the registry of the reload observations.
	 * @param observationRegistry the observation registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Set the convention of the reload observations, in place of the
	 * {@link DefaultReloadObservationConvention}.
	 * @param observationConvention the convention, or {@code null} for the default
	 */
	public void setObservationConvention(ReloadObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/**
	 * Return the managed bundles.
	 * @return the bundles, in configuration order
	 */
	public List<ManagedBundle> getBundles() {
		return List.copyOf(this.bundles.values());
	}

	/**
	 * Return the managed bundle with the given name.
	 * @param name the bundle name
	 * @return the bundle, or {@code null}
	 */
	public ManagedBundle getBundle(String name) {
		return this.bundles.get(name);
	}

	/**
	 * Record what each bundle serves at startup. When the material on disk is the
	 * material served, it is adopted as is; otherwise it goes through a normal reload.
	 * @return the results, one per bundle
	 */
	public List<ReloadResult> initialize() {
		List<ReloadResult> results = new ArrayList<>();
		for (ManagedBundle bundle : this.bundles.values()) {
			results.add(initialize(bundle.getName()));
		}
		return results;
	}

	/**
	 * Record what one bundle serves at startup.
	 * @param name the bundle name
	 * @return the result
	 * @throws IllegalArgumentException if no bundle has that name
	 * @see #initialize()
	 */
	public ReloadResult initialize(String name) {
		ManagedBundle bundle = managed(name);
		ReloadRequest request = ReloadRequest.of(ReloadTrigger.STARTUP);
		return run(bundle, request, () -> initialize(bundle, request));
	}

	/**
	 * Reload every bundle.
	 * @param request the request
	 * @return the results, one per bundle
	 */
	public List<ReloadResult> reloadAll(ReloadRequest request) {
		List<ReloadResult> results = new ArrayList<>();
		for (ManagedBundle bundle : this.bundles.values()) {
			results.add(run(bundle, request, () -> reload(bundle, request)));
		}
		return results;
	}

	/**
	 * Reload one bundle.
	 * @param name the bundle name
	 * @param request the request
	 * @return the result
	 * @throws IllegalArgumentException if no bundle has that name
	 */
	public ReloadResult reload(String name, ReloadRequest request) {
		ManagedBundle bundle = managed(name);
		return run(bundle, request, () -> reload(bundle, request));
	}

	private ManagedBundle managed(String name) {
		ManagedBundle bundle = this.bundles.get(name);
		Assert.isTrue(bundle != null, () -> "No SSL bundle named '%s' is managed by hotcert".formatted(name));
		return bundle;
	}

	/**
	 * Give a bundle the material of a new source, such as the bundle's configuration
	 * after it changed while the application runs, and reload it from there. The new
	 * source replaces the previous one whatever the outcome: material it holds that is
	 * rejected is reported like rejected files, the previous material keeps being served,
	 * and later reloads read the new source.
	 * @param source the new source of the bundle
	 * @param request the request
	 * @return the result
	 * @throws IllegalArgumentException if no bundle has the name of the source
	 */
	public ReloadResult reload(MaterialSource source, ReloadRequest request) {
		ManagedBundle bundle = this.bundles.get(source.getBundleName());
		Assert.isTrue(bundle != null,
				() -> "No SSL bundle named '%s' is managed by hotcert".formatted(source.getBundleName()));
		return run(bundle, request, () -> {
			bundle.setSource(source);
			return reload(bundle, request);
		});
	}

	private ReloadResult run(ManagedBundle bundle, ReloadRequest request, Supplier<Attempt> reload) {
		bundle.lock();
		try {
			ReloadObservationContext context = new ReloadObservationContext(bundle.getName(), request);
			return ReloadObservationDocumentation.RELOAD
				.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry)
				.observe(() -> record(bundle, request, reload, context));
		}
		finally {
			bundle.unlock();
		}
	}

	private ReloadResult record(ManagedBundle bundle, ReloadRequest request, Supplier<Attempt> reload,
			ReloadObservationContext context) {
		long start = System.nanoTime();
		Attempt attempt = reload.get();
		if (request.settling() && attempt.mayBeIncomplete()) {
			ReloadResult settling = attempt.settling()
				.toResult(bundle.getName(), request, this.clock.instant(), Duration.ofNanos(System.nanoTime() - start));
			context.setResult(settling);
			this.log.log(settling, null);
			return settling;
		}
		ReloadResult result = attempt.toResult(bundle.getName(), request, this.clock.instant(),
				Duration.ofNanos(System.nanoTime() - start));
		context.setResult(result);
		bundle.record(result, attempt.pendingChange(request, bundle.hasPendingChange()));
		this.log.log(result, bundle.getRestartRequired());
		// Listeners see the bundle as this reload left it: the next reload of the bundle
		// waits until they are done
		this.eventPublisher.publishEvent(new CertificateReloadEvent(this, result));
		return result;
	}

	private Attempt initialize(ManagedBundle bundle, ReloadRequest request) {
		SslBundle current = bundle.getPublisher().getCurrent();
		if (current != null) {
			bundle.setServed(ServedMaterial.of(bundle.getName(), current, this.clock.instant()));
		}
		CertificateInfo served = Attempt.leaf(bundle.getServed());
		this.publication.assignRole(bundle, served != null);
		LoadedMaterial material;
		try {
			material = bundle.getSource().load();
		}
		catch (MaterialLoadException ex) {
			return Attempt.unreadable(served, null, ex, this.validator.rejectUnloadable(ex));
		}
		CertificateInfo loaded = Attempt.first(material.getChainInfo());
		if (current != null && !Objects.equals(fingerprint(served), fingerprint(loaded))) {
			// The files changed after the consumers read them
			return reload(bundle, request, material);
		}
		SslBundle adopted = null;
		if (current == null) {
			// The consumers built the bundle from these files themselves
			try {
				adopted = material.getSslBundle();
			}
			catch (MaterialLoadException ex) {
				return Attempt.unreadable(served, loaded, ex, this.validator.rejectUnloadable(ex));
			}
			bundle.getPublisher().adopt(adopted);
		}
		ValidationResult validation = this.publication.validate(bundle, material);
		if (adopted != null && !validation.isRejected()) {
			this.publication.hand(bundle, adopted);
		}
		bundle.setServed(ServedMaterial.of(material, this.clock.instant()));
		return new Attempt(ReloadOutcome.UNCHANGED, loaded, loaded, null,
				"Serving %s from %s".formatted(Attempt.describe(loaded), bundle.getSource().getLocations()),
				validation.findings());
	}

	private Attempt reload(ManagedBundle bundle, ReloadRequest request) {
		LoadedMaterial material;
		try {
			material = bundle.getSource().load();
		}
		catch (MaterialLoadException ex) {
			return Attempt.unreadable(Attempt.leaf(bundle.getServed()), null, ex, this.validator.rejectUnloadable(ex));
		}
		return reload(bundle, request, material);
	}

	private Attempt reload(ManagedBundle bundle, ReloadRequest request, LoadedMaterial material) {
		ServedMaterial served = bundle.getServed();
		if (!request.force() && !request.dryRun() && served != null
				&& material.getContentHash().equals(served.contentHash())) {
			return new Attempt(ReloadOutcome.UNCHANGED, Attempt.leaf(served), Attempt.first(material.getChainInfo()),
					null, "The material of bundle '%s' is unchanged".formatted(bundle.getName()), List.of());
		}
		return this.publication.validateAndPublish(bundle, request, material);
	}

	/**
	 * Take a bundle that others published under the name of a managed bundle: it is
	 * published only if it passes the same checks as material read from the source.
	 * @throws IllegalArgumentException if it is refused
	 */
	private void accept(ManagedBundle bundle, SslBundle published) {
		ReloadRequest request = ReloadRequest.of(ReloadTrigger.REGISTRY);
		ReloadResult result = run(bundle, request, () -> {
			LoadedMaterial material;
			try {
				material = LoadedMaterial.of(bundle.getName(), published);
			}
			catch (MaterialLoadException ex) {
				return Attempt.unreadable(Attempt.leaf(bundle.getServed()), null, ex,
						this.validator.rejectUnloadable(ex));
			}
			return this.publication.validateAndPublish(bundle, request, material);
		});
		if (result.outcome() == ReloadOutcome.REJECTED) {
			throw new IllegalArgumentException(
					"SSL bundle '%s' was not updated (%s): %s; still serving %s".formatted(bundle.getName(),
							result.reason(), result.message(), Attempt.describe(result.previousCertificate())));
		}
	}

	private static String fingerprint(CertificateInfo certificate) {
		return (certificate != null) ? certificate.sha256Fingerprint() : null;
	}

}
