package io.github.hotcert.actuate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.github.hotcert.reload.ServedMaterial;

/**
 * Description of what a bundle serves.
 *
 * @param since when the material started being served (or was first seen)
 * @param contentHash the combined hash of the content the material was read from
 * @param chain the served certificate chain, leaf first
 * @param trustedCertificates the trusted certificates
 */
public record ServedDescriptor(Instant since, String contentHash, List<CertificateDescriptor> chain,
		List<CertificateDescriptor> trustedCertificates) {

	static ServedDescriptor of(ServedMaterial served, Clock clock) {
		if (served == null) {
			return null;
		}
		return new ServedDescriptor(served.since(), served.contentHash(),
				CertificateDescriptor.of(served.chain(), clock),
				CertificateDescriptor.of(served.trustedCertificates(), clock));
	}

}
