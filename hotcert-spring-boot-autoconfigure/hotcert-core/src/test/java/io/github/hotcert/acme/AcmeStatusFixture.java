package io.github.hotcert.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.hotcert.source.CertificateInfo;

/**
 * Puts the status of an ACME bundle in a state, for the tests of what reports it.
 */
public final class AcmeStatusFixture {

	private final AcmeBundle bundle;

	public AcmeStatusFixture(AcmeBundle bundle) {
		this.bundle = bundle;
	}

	/**
	 * A certificate of the CA is stored.
	 */
	public void storedCertificate(Instant notBefore, Instant notAfter) {
		CertificateInfo certificate = new CertificateInfo("CN=web.example", "CN=CA", "01", notBefore, notAfter,
				List.of("DNS:web.example"), "00", "EC", 256, List.of(), List.of(), false);
		this.bundle.updateStatus((status) -> status.stored(certificate, false));
	}

	/**
	 * An order failed.
	 */
	public void failedOrder(String reason, String error) {
		AcmeOrderResult failed = AcmeOrderResult.failed(this.bundle.getName(), Instant.now(), Duration.ofMillis(10),
				new AcmeFailure(reason, error));
		this.bundle.updateStatus((status) -> status.ordered(failed));
	}

	/**
	 * The next order is attempted at the given time.
	 */
	public void nextAttempt(Instant time) {
		this.bundle.updateStatus((status) -> status.retryAt(time));
	}

}
