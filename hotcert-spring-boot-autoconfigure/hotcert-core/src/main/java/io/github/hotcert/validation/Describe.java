package io.github.hotcert.validation;

import java.security.cert.X509Certificate;

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

}
