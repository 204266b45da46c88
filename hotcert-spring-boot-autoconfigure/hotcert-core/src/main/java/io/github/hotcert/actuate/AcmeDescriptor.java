package io.github.hotcert.actuate;

import java.time.Instant;
import java.util.List;

import io.github.hotcert.acme.AcmeBundle;
import io.github.hotcert.acme.AcmeBundleSettings;
import io.github.hotcert.acme.AcmeBundleStatus;
import io.github.hotcert.acme.AcmeBundles;
import io.github.hotcert.acme.AcmeOrderResult;
import io.github.hotcert.acme.RenewalPlan;

/**
 * Description of how a bundle's certificate is obtained from an ACME CA, and where that
 * stands. Never shows a key or the external account binding's MAC key.
 *
 * @param ca the URL of the CA's ACME directory
 * @param account the location of the account at the CA, once known
 * @param domains the domains of the certificate
 * @param challengeType how the CA checks control of the domains
 * @param state {@code pending}, {@code valid}, {@code renewing} or {@code failing}
 * @param temporaryCertificate whether the temporary self-signed certificate is stored
 * (and served), rather than one of the CA
 * @param nextRenewal when the next order is attempted
 * @param renewalBasis why the renewal is planned then
 * @param waitingFor the instance that holds the order lock while this one waits, or
 * {@code null}
 * @param consecutiveFailures how many orders failed in a row
 * @param issued how many certificates this instance obtained
 * @param failed how many orders of this instance failed
 * @param lastOrder the last order of this instance, or {@code null}
 */
public record AcmeDescriptor(String ca, String account, List<String> domains, String challengeType, String state,
		boolean temporaryCertificate, Instant nextRenewal, String renewalBasis, String waitingFor,
		int consecutiveFailures, long issued, long failed, OrderDescriptor lastOrder) {

	static AcmeDescriptor of(AcmeBundles bundles, String name) {
		AcmeBundle bundle = (bundles != null) ? bundles.getBundle(name) : null;
		if (bundle == null) {
			return null;
		}
		AcmeBundleSettings settings = bundle.getSettings();
		AcmeBundleStatus status = bundle.getStatus();
		RenewalPlan plan = status.getPlan();
		String basis = (status.getConsecutiveFailures() > 0)
				? "retrying after %d failed %s".formatted(status.getConsecutiveFailures(),
						(status.getConsecutiveFailures() == 1) ? "order" : "orders")
				: (plan != null) ? plan.basis() : null;
		return new AcmeDescriptor(settings.directory().toString(), status.getAccount(), settings.domains(),
				settings.challengeType().id(), status.getState().id(), status.isTemporary(), status.getNextAttempt(),
				basis, status.getWaitingFor(), status.getConsecutiveFailures(), status.getIssued(), status.getFailed(),
				OrderDescriptor.of(status.getLastOrder()));
	}

	/**
	 * Description of one order.
	 *
	 * @param time when it ended
	 * @param outcome {@code issued} or {@code failed}
	 * @param durationMillis how long it took, in milliseconds
	 * @param serialNumber the serial number of the issued certificate, or {@code null}
	 * @param notAfter the end of the issued certificate's validity, or {@code null}
	 * @param reason why it failed (the CA's problem type, or {@code connection},
	 * {@code timeout}, {@code rejected}...), or {@code null}
	 * @param error what went wrong, or {@code null}
	 */
	public record OrderDescriptor(Instant time, String outcome, long durationMillis, String serialNumber,
			Instant notAfter, String reason, String error) {

		static OrderDescriptor of(AcmeOrderResult result) {
			if (result == null) {
				return null;
			}
			return new OrderDescriptor(result.time(), result.outcome().id(), result.duration().toMillis(),
					(result.certificate() != null) ? result.certificate().serialNumber() : null,
					(result.certificate() != null) ? result.certificate().notAfter() : null, result.reason(),
					result.error());
		}

	}

}
