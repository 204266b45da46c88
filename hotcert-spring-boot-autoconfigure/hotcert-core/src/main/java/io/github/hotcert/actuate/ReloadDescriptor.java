package io.github.hotcert.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.validation.Finding;

/**
 * Description of the result of one reload.
 *
 * @param time when the reload ended
 * @param trigger what started it ({@code startup}, {@code watch}, {@code manual}, ...)
 * @param principal the user who asked for it, when known
 * @param outcome how it ended: {@code reloaded}, {@code unchanged}, {@code rejected} or,
 * for a dry run, {@code valid}
 * @param previousSerial the serial number of the certificate served before
 * @param newSerial the serial number of the certificate read from the source
 * @param reason the check that rejected the material
 * @param message a human readable description
 * @param durationMillis how long the reload took, in milliseconds
 * @param findings the validation findings, warnings included
 */
public record ReloadDescriptor(Instant time, String trigger, String principal, String outcome, String previousSerial,
		String newSerial, String reason, String message, long durationMillis, List<FindingDescriptor> findings) {

	static ReloadDescriptor of(ReloadResult result) {
		if (result == null) {
			return null;
		}
		return new ReloadDescriptor(result.time(), result.trigger().id(), result.principal(), result.outcome().id(),
				serial(result.previousCertificate()), serial(result.newCertificate()), result.reason(),
				result.message(), result.duration().toMillis(),
				result.findings().stream().map(FindingDescriptor::of).toList());
	}

	static List<ReloadDescriptor> of(List<ReloadResult> results) {
		return results.stream().map(ReloadDescriptor::of).toList();
	}

	private static String serial(CertificateInfo certificate) {
		return (certificate != null) ? certificate.serialNumber() : null;
	}

	/**
	 * Description of one validation finding.
	 *
	 * @param check the check
	 * @param severity {@code reject} or {@code warn}
	 * @param location the file or property the finding is about
	 * @param message a human readable reason
	 */
	public record FindingDescriptor(String check, String severity, String location, String message) {

		static FindingDescriptor of(Finding finding) {
			return new FindingDescriptor(finding.check().id(), finding.severity().name().toLowerCase(Locale.ROOT),
					finding.location(), finding.message());
		}

	}

}
