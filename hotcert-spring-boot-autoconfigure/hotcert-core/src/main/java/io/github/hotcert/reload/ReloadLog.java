package io.github.hotcert.reload;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.hotcert.validation.Finding;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The log lines of reloads: one INFO line per swap with the old and new certificate (and
 * a WARN line when a consumer of the bundle cannot take it), one WARN line per rejection
 * with the check, the file and the reason (a rejection of the same material again is
 * logged at DEBUG), one WARN line per finding that only warns. Never any key material.
 * Remembers, for each bundle, the last rejection it logged.
 */
final class ReloadLog {

	private static final Log logger = LogFactory.getLog(CertificateReloader.class);

	private final Map<String, String> loggedRejections = new ConcurrentHashMap<>();

	void log(ReloadResult result, RestartRequired restartRequired) {
		switch (result.outcome()) {
			case RELOADED -> {
				logger.info("Reloaded SSL bundle '%s' (%s): %s".formatted(result.bundle(), result.trigger(),
						result.message()));
				if (restartRequired != null) {
					logger.warn(restartRequired.describe(result.bundle()));
				}
			}
			case REJECTED -> logRejection(result);
			case SETTLING -> {
				if (logger.isDebugEnabled()) {
					logger.debug("SSL bundle '%s' (%s): the files may still be being written and do not hold complete "
						.formatted(result.bundle(), result.trigger())
							+ "material yet (%s: %s)".formatted(result.reason(), result.message()));
				}
				return;
			}
			case UNCHANGED, VALID -> {
				if (logger.isDebugEnabled()) {
					logger.debug(
							"SSL bundle '%s' (%s): %s".formatted(result.bundle(), result.trigger(), result.message()));
				}
			}
		}
		if (result.outcome() == ReloadOutcome.RELOADED || result.outcome() == ReloadOutcome.UNCHANGED) {
			this.loggedRejections.remove(result.bundle());
		}
		if (result.outcome() == ReloadOutcome.RELOADED || result.trigger() == ReloadTrigger.STARTUP) {
			for (Finding finding : result.findings()) {
				logger.warn("SSL bundle '%s' (%s): %s".formatted(result.bundle(), finding.check(), finding.message()));
			}
		}
	}

	/**
	 * Log a rejection at WARN unless it repeats the last one logged for the bundle, so
	 * that retries of the same rejected material do not log it again.
	 */
	private void logRejection(ReloadResult result) {
		String line = "Rejected new material for SSL bundle '%s' (%s, %s): %s; still serving %s".formatted(
				result.bundle(), result.trigger(), result.reason(), result.message(),
				Attempt.describe(result.previousCertificate()));
		String signature = result.reason() + ":" + result.message();
		if (!signature.equals(this.loggedRejections.put(result.bundle(), signature))) {
			logger.warn(line);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(line + " (again)");
		}
	}

}
