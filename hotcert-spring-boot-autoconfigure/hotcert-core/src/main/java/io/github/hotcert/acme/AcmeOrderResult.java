package io.github.hotcert.acme;

import java.time.Duration;
import java.time.Instant;

import io.github.hotcert.source.CertificateInfo;

/**
 * The result of one order of a certificate.
 *
 * @param bundle the bundle name
 * @param outcome how the order ended
 * @param time when it ended
 * @param duration how long it took
 * @param certificate the issued leaf certificate, or {@code null} when the order failed
 * @param reason why the order failed (the CA's problem type, such as {@code rateLimited},
 * or {@code connection}, {@code timeout}, {@code rejected}), or {@code null}
 * @param error what went wrong, in words, or {@code null}
 */
public record AcmeOrderResult(String bundle, OrderOutcome outcome, Instant time, Duration duration,
		CertificateInfo certificate, String reason, String error) {

	static AcmeOrderResult issued(String bundle, Instant time, Duration duration, CertificateInfo certificate) {
		return new AcmeOrderResult(bundle, OrderOutcome.ISSUED, time, duration, certificate, null, null);
	}

	static AcmeOrderResult failed(String bundle, Instant time, Duration duration, AcmeFailure failure) {
		return new AcmeOrderResult(bundle, OrderOutcome.FAILED, time, duration, null, failure.getReason(),
				failure.getMessage());
	}

}
