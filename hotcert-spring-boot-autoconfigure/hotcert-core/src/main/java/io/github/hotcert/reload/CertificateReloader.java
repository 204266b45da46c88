package io.github.hotcert.reload;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
		List<ReloadResult> results = new ArrayList<>();
		for (ManagedBundle bundle : this.bundles.values()) {
			results.add(run(bundle, ReloadRequest.of(ReloadTrigger.STARTUP), true));
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
			results.add(run(bundle, request, false));
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
		return run(bundle, request, false);
	}

	private ReloadResult run(ManagedBundle bundle, ReloadRequest request, boolean startup) {
		ReloadResult result;
		bundle.lock();
		try {
			long start = System.nanoTime();
			Attempt attempt = startup ? initialize(bundle, request) : reload(bundle, request);
			result = attempt.toResult(bundle.getName(), request, this.clock.instant(),
					Duration.ofNanos(System.nanoTime() - start));
			bundle.record(result, attempt.pendingChange());
			ReloadLog.log(bundle, result);
			// Listeners see the bundle as this reload left it: the next reload of the
			// bundle waits until they are done
			this.eventPublisher.publishEvent(new CertificateReloadEvent(this, result));
		}
		finally {
			bundle.unlock();
		}
		return result;
	}

	private Attempt initialize(ManagedBundle bundle, ReloadRequest request) {
		SslBundle current = bundle.getPublisher().getCurrent();
		if (current != null) {
			bundle.setServed(ServedMaterial.of(current, this.clock.instant()));
		}
		CertificateInfo served = leaf(bundle.getServed());
		LoadedMaterial material;
		try {
			material = bundle.getSource().load();
		}
		catch (MaterialLoadException ex) {
			return Attempt.rejected(served, null, Check.PARSE, ex.getMessage(),
					this.validator.rejectUnloadable(ex).findings());
		}
		CertificateInfo loaded = first(material.getChainInfo());
		if (current == null || Objects.equals(fingerprint(served), fingerprint(loaded))) {
			if (current == null && bundle.getPublisher() instanceof LocalBundlePublisher local) {
				try {
					local.setInitial(material.getSslBundle());
				}
				catch (MaterialLoadException ex) {
					return Attempt.rejected(served, loaded, Check.PARSE, ex.getMessage(),
							this.validator.rejectUnloadable(ex).findings());
				}
			}
			bundle.setServed(ServedMaterial.of(material, this.clock.instant()));
			ValidationResult validation = this.validator.validate(material);
			return new Attempt(ReloadOutcome.UNCHANGED, loaded, loaded, null,
					"Serving %s from %s".formatted(describe(loaded), bundle.getSource().getLocations()),
					validation.findings());
		}
		return reload(bundle, request);
	}

	private Attempt reload(ManagedBundle bundle, ReloadRequest request) {
		ServedMaterial served = bundle.getServed();
		CertificateInfo previous = leaf(served);
		LoadedMaterial material;
		try {
			material = bundle.getSource().load();
		}
		catch (MaterialLoadException ex) {
			return Attempt.rejected(previous, null, Check.PARSE, ex.getMessage(),
					this.validator.rejectUnloadable(ex).findings());
		}
		CertificateInfo candidate = first(material.getChainInfo());
		if (!request.force() && !request.dryRun() && served != null
				&& material.getContentHash().equals(served.contentHash())) {
			return new Attempt(ReloadOutcome.UNCHANGED, previous, candidate, null,
					"The material of bundle '%s' is unchanged".formatted(bundle.getName()), List.of());
		}
		ValidationResult validation = this.validator.validate(material);
		if (validation.isRejected()) {
			Finding rejection = validation.firstRejection();
			return Attempt.rejected(previous, candidate, rejection.check(), rejection.message(), validation.findings());
		}
		try {
			material.getSslBundle();
		}
		catch (MaterialLoadException ex) {
			List<Finding> findings = new ArrayList<>(validation.findings());
			findings.addAll(this.validator.rejectUnloadable(ex).findings());
			return Attempt.rejected(previous, candidate, Check.PARSE, ex.getMessage(), findings);
		}
		if (request.dryRun()) {
			return new Attempt(ReloadOutcome.VALID, previous, candidate, null,
					"The material of bundle '%s' is valid: %s".formatted(bundle.getName(), describe(candidate)),
					validation.findings());
		}
		try {
			publish(bundle, material);
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

	private void publish(ManagedBundle bundle, LoadedMaterial material) {
		BundlePublisher publisher = bundle.getPublisher();
		SslBundle previous = publisher.getCurrent();
		try {
			publisher.publish(material.getSslBundle());
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
