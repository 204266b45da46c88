package io.github.hotcert.acme;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.source.MaterialLoadException;
import io.github.hotcert.validation.Finding;
import io.github.hotcert.validation.MaterialValidator;
import io.github.hotcert.validation.ValidationResult;

/**
 * Obtains one certificate of an ACME bundle and stores it: orders it for a new key (or
 * the stored key, when asked to keep it), writes it to a new version of the bundle's
 * files, reads that version back and runs every check on it, as a reload does, and makes
 * it current only if it passes. Material the checks reject never becomes current: the
 * storage directory, shared with other instances, only ever holds material that hotcert
 * serves.
 */
final class CertificateIssuance {

	private final AcmeBundle bundle;

	private final AcmeClient client;

	private final MaterialValidator validator;

	CertificateIssuance(AcmeBundle bundle, AcmeClient client, MaterialValidator validator) {
		this.bundle = bundle;
		this.client = client;
		this.validator = validator;
	}

	/**
	 * Order a certificate and store it.
	 * @param replaces the certificate of the CA that it replaces, or {@code null}
	 * @return the stored chain, leaf first
	 * @throws AcmeFailure if the order fails or the certificate is rejected
	 * @throws InterruptedException if the thread is interrupted
	 */
	List<X509Certificate> issue(X509Certificate replaces) throws AcmeFailure, InterruptedException {
		String account = this.client.account();
		this.bundle.updateStatus((status) -> status.account(account));
		KeyPair keyPair = keyPair(replaces);
		List<X509Certificate> chain = this.client.order(keyPair, replaces);
		BundleStorage files = this.bundle.files();
		try {
			Path version = files.stage(chain, keyPair.getPrivate(), this.bundle.getSettings().directory().toString());
			try {
				validate(version);
			}
			catch (AcmeFailure ex) {
				files.discard(version);
				throw ex;
			}
			files.publish(version);
		}
		catch (IOException ex) {
			throw new AcmeFailure("storage",
					"The certificate %s issued for bundle '%s' cannot be stored in '%s': %s"
						.formatted(this.bundle.getSettings().caName(), this.bundle.getName(), files, ex.getMessage()),
					null, ex);
		}
		return chain;
	}

	private KeyPair keyPair(X509Certificate replaces) {
		if (this.bundle.getSettings().reuseKey() && replaces != null) {
			try {
				PrivateKey key = this.bundle.files().readPrivateKey();
				return new KeyPair(replaces.getPublicKey(), key);
			}
			catch (IOException ex) {
				// A new key, then
			}
		}
		return this.bundle.getSettings().keyType().generate();
	}

	private void validate(Path version) throws AcmeFailure {
		ValidationResult result;
		try {
			LoadedMaterial material = this.bundle.stagedSource(version).load();
			result = this.validator.validate(material);
		}
		catch (MaterialLoadException ex) {
			throw rejected(ex.getMessage());
		}
		Finding rejection = result.firstRejection();
		if (rejection != null) {
			throw rejected("%s (%s)".formatted(rejection.message(), rejection.check()));
		}
	}

	private AcmeFailure rejected(String reason) {
		return new AcmeFailure("rejected", "%s issued a certificate for bundle '%s' that failed validation: %s"
			.formatted(this.bundle.getSettings().caName(), this.bundle.getName(), reason));
	}

}
