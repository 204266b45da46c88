package io.github.hotcert.validation;

import java.security.cert.Certificate;
import java.security.cert.PKIXCertPathChecker;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs last for each certificate of a PKIX validation: records the critical extensions
 * that no checker of the JDK processed, and marks them processed so that validation goes
 * on. {@link java.security.cert.PKIXParameters} keeps a copy of the checker, which shares
 * the map it records into.
 */
final class CriticalExtensionRecorder extends PKIXCertPathChecker {

	private final Map<X509Certificate, Set<String>> unknown;

	CriticalExtensionRecorder(Map<X509Certificate, Set<String>> unknown) {
		this.unknown = unknown;
	}

	@Override
	public void init(boolean forward) {
	}

	@Override
	public boolean isForwardCheckingSupported() {
		return false;
	}

	@Override
	public Set<String> getSupportedExtensions() {
		return null;
	}

	@Override
	public void check(Certificate certificate, Collection<String> unresolvedCriticalExtensions) {
		if (!unresolvedCriticalExtensions.isEmpty()) {
			this.unknown.put((X509Certificate) certificate, new TreeSet<>(unresolvedCriticalExtensions));
			unresolvedCriticalExtensions.clear();
		}
	}

}
