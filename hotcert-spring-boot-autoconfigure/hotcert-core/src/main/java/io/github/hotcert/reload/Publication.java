package io.github.hotcert.reload;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.github.hotcert.logging.LogFields;
import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.source.MaterialLoadException;
import io.github.hotcert.validation.BundleRole;
import io.github.hotcert.validation.Check;
import io.github.hotcert.validation.Finding;
import io.github.hotcert.validation.MaterialValidator;
import io.github.hotcert.validation.Severity;
import io.github.hotcert.validation.ValidationResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundle;

/**
 * The last steps of every reload, whatever the material came from: validate it, then
 * publish it to the bundle's consumers. This is the one owner of rollback: when a
 * consumer refuses the bundle, the previous bundle is published again to every consumer,
 * and the reload is rejected with the {@link Check#APPLY apply} reason. What a consumer
 * that fails must do is described by {@link io.github.hotcert.server.SslTarget}.
 */
final class Publication {

	private static final Log logger = LogFactory.getLog(CertificateReloader.class);

	private final MaterialValidator validator;

	private final Clock clock;

	Publication(MaterialValidator validator, Clock clock) {
		this.validator = validator;
		this.clock = clock;
	}

	Attempt validateAndPublish(ManagedBundle bundle, ReloadRequest request, LoadedMaterial material) {
		CertificateInfo previous = Attempt.leaf(bundle.getServed());
		CertificateInfo candidate = Attempt.first(material.getChainInfo());
		ValidationResult validation = validate(bundle, material);
		if (validation.isRejected()) {
			Finding rejection = validation.firstRejection();
			return Attempt.rejected(previous, candidate, rejection.check(), rejection.message(), validation.findings());
		}
		SslBundle sslBundle;
		try {
			sslBundle = material.getSslBundle();
		}
		catch (MaterialLoadException ex) {
			return Attempt.unreadable(previous, candidate, ex, validation.findings(),
					this.validator.rejectUnloadable(ex));
		}
		if (request.dryRun()) {
			return new Attempt(ReloadOutcome.VALID, previous, candidate, null,
					"The material of bundle '%s' is valid: %s".formatted(bundle.getName(), Attempt.describe(candidate)),
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
				"%s -> %s".formatted(Attempt.describe(previous), Attempt.describe(candidate)), validation.findings());
	}

	/**
	 * Validate material for a bundle in the bundle's role: the role configured for it, or
	 * the role inferred from its web servers and the material (see
	 * {@link BundleRole#infer}), which is recorded on the bundle. Its web servers are
	 * known for sure once they have started, which is before hotcert validates the
	 * material at startup.
	 * @param bundle the bundle
	 * @param material the material that is to replace what the bundle serves
	 * @return the findings
	 */
	ValidationResult validate(ManagedBundle bundle, LoadedMaterial material) {
		BundleRole role = assignRole(bundle, material.getKey() != null);
		ServedMaterial served = bundle.getServed();
		return this.validator.validate(material, role, (served != null) ? served.trustedCertificates() : List.of());
	}

	/**
	 * Decide the role of a bundle and record it on the bundle.
	 * @param bundle the bundle
	 * @param hasKey whether the bundle's material has a key
	 * @return the role
	 */
	BundleRole assignRole(ManagedBundle bundle, boolean hasKey) {
		BundleRole role = this.validator.getRole(bundle.getName(),
				BundleRole.infer(bundle.isServedByWebServer(), hasKey));
		bundle.setRole(role);
		return role;
	}

	/**
	 * Give the consumers of a bundle that built it themselves from its files the material
	 * read from those files at startup. They read the files at a moment hotcert does not
	 * know, before or after a change that it does not see: its watcher starts later. Once
	 * they are given the material read at startup, they serve the material that is
	 * recorded as served, and any later change is noticed. A consumer that refuses it
	 * keeps what it read: that is logged, and the material is recorded as served.
	 * @param bundle the bundle
	 * @param sslBundle the material read at startup, valid
	 */
	void hand(ManagedBundle bundle, SslBundle sslBundle) {
		try {
			bundle.getPublisher().publish(sslBundle);
		}
		catch (RuntimeException ex) {
			LogFields.bundle(bundle.getName())
				.and(LogFields.REASON, Check.APPLY)
				.warn(logger, "Unable to give the material of SSL bundle '%s' read at startup to its consumers: %s"
					.formatted(bundle.getName(), ex.getMessage()));
		}
	}

	/**
	 * Publish a bundle and, when a consumer refuses it, publish the previous bundle
	 * again, so that every consumer serves the previous material.
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
					LogFields.bundle(bundle.getName())
						.and(LogFields.REASON, Check.APPLY)
						.error(logger, "Rolling back SSL bundle '%s' to its previous material failed"
							.formatted(bundle.getName()), rollbackFailure);
				}
			}
			throw ex;
		}
	}

}
