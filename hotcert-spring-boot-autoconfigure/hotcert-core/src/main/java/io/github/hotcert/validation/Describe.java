package io.github.hotcert.validation;

import java.security.cert.X509Certificate;
import java.time.Duration;

import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.source.MaterialLocation;

/**
 * Wording shared by the checks' messages.
 */
final class Describe {

	private Describe() {
	}

	static String certificate(X509Certificate certificate) {
		CertificateInfo info = CertificateInfo.of(certificate);
		return "certificate %s serial %s".formatted(info.commonName(), info.serialNumber());
	}

	static String location(MaterialLocation location) {
		return (location != null) ? location.describe() : "the bundle";
	}

	static String duration(Duration duration) {
		Duration abs = duration.abs();
		if (abs.toDays() >= 2) {
			return abs.toDays() + " days";
		}
		if (abs.toHours() >= 2) {
			return abs.toHours() + " hours";
		}
		if (abs.toMinutes() >= 2) {
			return abs.toMinutes() + " minutes";
		}
		return abs.toSeconds() + " seconds";
	}

}
