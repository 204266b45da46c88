package io.github.hotcert.reload;

import io.github.hotcert.validation.Finding;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The log lines of reloads: one INFO line per swap with the old and new certificate, one
 * WARN line per rejection with the check, the file and the reason (a rejection of the
 * same material again is logged at DEBUG), one WARN line per finding that only warns.
 * Never any key material.
 */
final class ReloadLog {

	private static final Log logger = LogFactory.getLog(CertificateReloader.class);

	private ReloadLog() {
	}

	static void log(ManagedBundle bundle, ReloadResult result) {
		switch (result.outcome()) {
			case RELOADED -> logger.info(
					"Reloaded SSL bundle '%s' (%s): %s".formatted(result.bundle(), result.trigger(), result.message()));
			case REJECTED -> {
				String line = "Rejected new material for SSL bundle '%s' (%s, %s): %s; still serving %s".formatted(
						result.bundle(), result.trigger(), result.reason(), result.message(),
						CertificateReloader.describe(result.previousCertificate()));
				if (bundle.isNewRejection(result.reason() + ":" + result.message())) {
					logger.warn(line);
				}
				else if (logger.isDebugEnabled()) {
					logger.debug(line + " (again)");
				}
			}
			case UNCHANGED, VALID -> {
				if (logger.isDebugEnabled()) {
					logger.debug(
							"SSL bundle '%s' (%s): %s".formatted(result.bundle(), result.trigger(), result.message()));
				}
			}
		}
		if (result.outcome() == ReloadOutcome.RELOADED || result.outcome() == ReloadOutcome.UNCHANGED) {
			bundle.clearRejection();
		}
		if (result.outcome() == ReloadOutcome.RELOADED || result.trigger() == ReloadTrigger.STARTUP) {
			for (Finding finding : result.findings()) {
				logger.warn("SSL bundle '%s' (%s): %s".formatted(result.bundle(), finding.check(), finding.message()));
			}
		}
	}

}
