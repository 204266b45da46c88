package io.github.hotcert.reload;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.hotcert.logging.LogFields;
import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.validation.Finding;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The log lines of reloads: one INFO line per swap with the old and new certificate (and
 * a WARN line when a consumer of the bundle cannot take it), one WARN line per rejection
 * with the check, the file and the reason (a rejection of the same material again is
 * logged at DEBUG), one WARN line per finding that only warns. Each line carries its
 * facts as {@link LogFields}. Never any key material. Remembers, for each bundle, the
 * last rejection it logged.
 */
final class ReloadLog {

	private static final Log logger = LogFactory.getLog(CertificateReloader.class);

	private final Map<String, String> loggedRejections = new ConcurrentHashMap<>();

	void log(ReloadResult result, RestartRequired restartRequired) {
		LogFields fields = fields(result);
		switch (result.outcome()) {
			case RELOADED -> {
				fields.info(logger, "Reloaded SSL bundle '%s' (%s): %s".formatted(result.bundle(), result.trigger(),
						result.message()));
				if (restartRequired != null) {
					fields.warn(logger, restartRequired.describe(result.bundle()));
				}
			}
			case REJECTED -> logRejection(result, fields);
			case SETTLING -> {
				fields.debug(logger,
						() -> "SSL bundle '%s' (%s): the files may still be being written and do not hold "
							.formatted(result.bundle(), result.trigger())
								+ "complete material yet (%s: %s)".formatted(result.reason(), result.message()));
				return;
			}
			case UNCHANGED, VALID -> fields.debug(logger,
					() -> "SSL bundle '%s' (%s): %s".formatted(result.bundle(), result.trigger(), result.message()));
		}
		if (result.outcome() == ReloadOutcome.RELOADED || result.outcome() == ReloadOutcome.UNCHANGED) {
			this.loggedRejections.remove(result.bundle());
		}
		if (result.outcome() == ReloadOutcome.RELOADED || result.trigger() == ReloadTrigger.STARTUP) {
			for (Finding finding : result.findings()) {
				LogFields.bundle(result.bundle())
					.and(LogFields.TRIGGER, result.trigger())
					.and(LogFields.CHECK, finding.check())
					.and(LogFields.FILE, finding.location())
					.warn(logger,
							"SSL bundle '%s' (%s): %s".formatted(result.bundle(), finding.check(), finding.message()));
			}
		}
	}

	/**
	 * Log a rejection at WARN unless it repeats the last one logged for the bundle, so
	 * that retries of the same rejected material do not log it again.
	 */
	private void logRejection(ReloadResult result, LogFields fields) {
		String line = "Rejected new material for SSL bundle '%s' (%s, %s): %s; still serving %s".formatted(
				result.bundle(), result.trigger(), result.reason(), result.message(),
				Attempt.describe(result.previousCertificate()));
		String signature = result.reason() + ":" + result.message();
		if (!signature.equals(this.loggedRejections.put(result.bundle(), signature))) {
			fields.warn(logger, line);
		}
		else {
			fields.debug(logger, () -> line + " (again)");
		}
	}

	/**
	 * Return the facts of a reload: the bundle, trigger, outcome, the check that rejected
	 * it and the file it named, and the old and new leaf certificates.
	 */
	static LogFields fields(ReloadResult result) {
		LogFields fields = LogFields.bundle(result.bundle())
			.and(LogFields.TRIGGER, result.trigger())
			.and(LogFields.OUTCOME, result.outcome())
			.and(LogFields.REASON, result.reason())
			.and(LogFields.FILE, rejectedFile(result));
		fields = certificate(fields, LogFields.OLD_SERIAL, LogFields.OLD_EXPIRY, result.previousCertificate());
		return certificate(fields, LogFields.NEW_SERIAL, LogFields.NEW_EXPIRY, result.newCertificate());
	}

	private static LogFields certificate(LogFields fields, String serial, String expiry, CertificateInfo certificate) {
		if (certificate == null) {
			return fields;
		}
		return fields.and(serial, certificate.serialNumber()).and(expiry, certificate.notAfter());
	}

	private static String rejectedFile(ReloadResult result) {
		if (result.reason() == null) {
			return null;
		}
		return result.findings()
			.stream()
			.filter((finding) -> finding.isRejection() && finding.check().id().equals(result.reason()))
			.findFirst()
			.map(Finding::location)
			.orElse(null);
	}

}
