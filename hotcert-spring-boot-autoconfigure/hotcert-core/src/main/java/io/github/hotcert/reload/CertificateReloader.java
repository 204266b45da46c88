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
import io.github.hotcert.validation.Check;
import io.github.hotcert.validation.Finding;
import io.github.hotcert.validation.MaterialValidator;
import io.github.hotcert.validation.Severity;
import io.github.hotcert.validation.ValidationResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

/**
 * Reloads managed bundles: loads the material from its source, skips it when it is
 * unchanged, validates it, and only then publishes it, rolling back if publishing fails.
 * Reloads of one bundle are serialized; every reload is recorded and announced with a
 * {@link CertificateReloadEvent}, in order, before the next reload of the bundle starts.
 */
public class CertificateReloader {

	private static final Log logger = LogFactory.getLog(CertificateReloader.class);

	private final Map<String, ManagedBundle> bundles;

	private final MaterialValidator validator;

	private final ApplicationEventPublisher eventPublisher;

	private final Clock clock;

	private final ReloadLog log = new ReloadLog();

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
		ReloadRequest request = ReloadRequest.of(ReloadTrigger.STARTUP);
		List<ReloadResult> results = new ArrayList<>();
		for (ManagedBundle bundle : this.bundles.values()) {
			results.add(run(bundle, request, () -> initialize(bundle, request)));
		}
		return results;
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
		ManagedBundle bundle = this.bundles.get(name);
		Assert.isTrue(bundle != null, () -> "No SSL bundle named '%s' is managed by hotcert".formatted(name));
		return run(bundle, request, () -> reload(bundle, request));
	}

	private ReloadResult run(ManagedBundle bundle, ReloadRequest request, Supplier<Attempt> reload) {
		bundle.lock();
		try {
			long start = System.nanoTime();
			Attempt attempt = reload.get();
			ReloadResult result = attempt.toResult(bundle.getName(), request, this.clock.instant(),
					Duration.ofNanos(System.nanoTime() - start));
			bundle.record(result, attempt.pendingChange());
			this.log.log(result);
			// Listeners see the bundle as this reload left it: the next reload of the
			// bundle waits until they are done
			this.eventPublisher.publishEvent(new CertificateReloadEvent(this, result));
			return result;
		}
		finally {
			bundle.unlock();
		}
	}

	private Attempt initialize(ManagedBundle bundle, ReloadRequest request) {
		SslBundle current = bundle.getPublisher().getCurrent();
		if (current != null) {
			bundle.setServed(ServedMaterial.of(bundle.getName(), current, this.clock.instant()));
		}
		CertificateInfo served = leaf(bundle.getServed());
		LoadedMaterial material;
		try {
			material = bundle.getSource().load();
		}
		catch (MaterialLoadException ex) {
			return Attempt.unreadable(served, null, ex, List.of());
		}
		CertificateInfo loaded = first(material.getChainInfo());
		if (current != null && !Objects.equals(fingerprint(served), fingerprint(loaded))) {
			// The files changed after the consumers read them
			return reload(bundle, request, material);
		}
		if (current == null) {
			// The consumers built the bundle from these files themselves
			try {
				bundle.getPublisher().adopt(material.getSslBundle());
			}
			catch (MaterialLoadException ex) {
				return Attempt.unreadable(served, loaded, ex, List.of());
			}
		}
		bundle.setServed(ServedMaterial.of(material, this.clock.instant()));
		ValidationResult validation = this.validator.validate(material);
		return new Attempt(ReloadOutcome.UNCHANGED, loaded, loaded, null,
				"Serving %s from %s".formatted(describe(loaded), bundle.getSource().getLocations()),
				validation.findings());
	}

	private Attempt reload(ManagedBundle bundle, ReloadRequest request) {
		LoadedMaterial material;
		try {
			material = bundle.getSource().load();
		}
		catch (MaterialLoadException ex) {
			return Attempt.unreadable(leaf(bundle.getServed()), null, ex, List.of());
		}
		return reload(bundle, request, material);
	}

	private Attempt reload(ManagedBundle bundle, ReloadRequest request, LoadedMaterial material) {
		ServedMaterial served = bundle.getServed();
		if (!request.force() && !request.dryRun() && served != null
				&& material.getContentHash().equals(served.contentHash())) {
			return new Attempt(ReloadOutcome.UNCHANGED, leaf(served), first(material.getChainInfo()), null,
					"The material of bundle '%s' is unchanged".formatted(bundle.getName()), List.of());
		}
		return validateAndPublish(bundle, request, material);
	}

	private Attempt validateAndPublish(ManagedBundle bundle, ReloadRequest request, LoadedMaterial material) {
		CertificateInfo previous = leaf(bundle.getServed());
		CertificateInfo candidate = first(material.getChainInfo());
		ValidationResult validation = this.validator.validate(material);
		if (validation.isRejected()) {
			Finding rejection = validation.firstRejection();
			return Attempt.rejected(previous, candidate, rejection.check(), rejection.message(), validation.findings());
		}
		SslBundle sslBundle;
		try {
			sslBundle = material.getSslBundle();
		}
		catch (MaterialLoadException ex) {
			return Attempt.unreadable(previous, candidate, ex, validation.findings());
		}
		if (request.dryRun()) {
			return new Attempt(ReloadOutcome.VALID, previous, candidate, null,
					"The material of bundle '%s' is valid: %s".formatted(bundle.getName(), describe(candidate)),
					validation.findings());
		}
		try {
			publish(bundle, sslBundle);
		}
		catch (RuntimeException ex) {
			String message = "Applying the material of bundle '%s' failed and was rolled back: %s"
				.formatted(bundle.getName(), ex.getMessage());
			List<Finding> findings = new ArrayList<>(validation.findings());
			findings.add(new Finding(Check.APPLY, Severity.REJECT, null, message));
			return Attempt.rejected(previous, candidate, Check.APPLY, message, findings);
		}
		bundle.setServed(ServedMaterial.of(material, this.clock.instant()));
		return new Attempt(ReloadOutcome.RELOADED, previous, candidate, null,
				"%s -> %s".formatted(describe(previous), describe(candidate)), validation.findings());
	}

	/**
	 * Publish a bundle and, when a consumer refuses it, publish the previous bundle
	 * again, so that every consumer serves the previous material: the one place where a
	 * failed update is rolled back (see {@link io.github.hotcert.server.SslTarget}).
	 */
	private void publish(ManagedBundle bundle, SslBundle sslBundle) {
		BundlePublisher publisher = bundle.getPublisher();
		SslBundle previous = publisher.getCurrent();
		try {
			publisher.publish(sslBundle);
		}
		catch (RuntimeException ex) {
			if (previous != null) {
				try {
					publisher.publish(previous);
				}
				catch (RuntimeException rollbackFailure) {
					ex.addSuppressed(rollbackFailure);
					logger.error(
							"Rolling back SSL bundle '%s' to its previous material failed".formatted(bundle.getName()),
							rollbackFailure);
				}
			}
			throw ex;
		}
	}

	private static CertificateInfo leaf(ServedMaterial served) {
		return (served != null) ? served.leaf() : null;
	}

	private static CertificateInfo first(List<CertificateInfo> chain) {
		return chain.isEmpty() ? null : chain.get(0);
	}

	private static String fingerprint(CertificateInfo certificate) {
		return (certificate != null) ? certificate.sha256Fingerprint() : null;
	}

	static String describe(CertificateInfo certificate) {
		return (certificate != null) ? certificate.describe() : "no certificate";
	}

}
