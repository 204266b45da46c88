package io.github.hotcert.acme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.source.MaterialLoadException;
import io.github.hotcert.source.PropertyNames;
import io.github.hotcert.logging.LogFields;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.util.Assert;

/**
 * Registers every ACME bundle in Spring Boot's {@link SslBundleRegistry}, before any web
 * server asks for it, from the certificate in its storage directory: the stored one when
 * there is one, so that a restart serves it at once, or else a new temporary self-signed
 * certificate for its domains, so that the application starts without waiting for the CA.
 * Never contacts the CA.
 */
public class AcmeSslBundleRegistrar implements SslBundleRegistrar {

	private static final Log logger = LogFactory.getLog(AcmeSslBundleRegistrar.class);

	private final AcmeBundles bundles;

	private final Clock clock;

	/**
	 * Create a new {@link AcmeSslBundleRegistrar}.
	 * @param bundles the ACME bundles
	 * @param clock the clock that dates temporary certificates
	 */
	public AcmeSslBundleRegistrar(AcmeBundles bundles, Clock clock) {
		Assert.notNull(bundles, "'bundles' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.bundles = bundles;
		this.clock = clock;
	}

	@Override
	public void registerBundles(SslBundleRegistry registry) {
		for (AcmeBundle bundle : this.bundles.getBundles()) {
			prepare(bundle);
			SslBundle sslBundle;
			try {
				sslBundle = bundle.getSource().load().getSslBundle();
			}
			catch (MaterialLoadException ex) {
				throw new IllegalStateException("Unable to load the certificate of ACME bundle '%s' from '%s': %s"
					.formatted(bundle.getName(), bundle.files(), ex.getMessage()), ex);
			}
			try {
				registry.registerBundle(bundle.getName(), sslBundle);
			}
			catch (IllegalStateException ex) {
				throw new IllegalStateException(
						("SSL bundle '%s' is configured twice: as %s and "
								+ "under spring.ssl.bundle (or by another registrar); remove one of them")
							.formatted(bundle.getName(), PropertyNames.entry("hotcert.acme.bundle", bundle.getName())),
						ex);
			}
		}
	}

	private void prepare(AcmeBundle bundle) {
		bundle.storage().prepare();
		BundleStorage files = bundle.files();
		List<X509Certificate> chain;
		boolean unreadable = false;
		try {
			chain = files.readChain();
		}
		catch (IOException ex) {
			LogFields.bundle(bundle.getName())
				.warn(logger,
						"The certificate of ACME bundle '%s' in '%s' cannot be read (%s): replacing it with a "
							.formatted(bundle.getName(), files, ex.getMessage())
								+ "temporary certificate and ordering a new one");
			chain = null;
			unreadable = true;
		}
		if (chain == null) {
			chain = storeTemporary(bundle, unreadable);
		}
		boolean temporary = TemporaryCertificate.isTemporary(chain.get(0));
		CertificateInfo stored = CertificateInfo.of(chain.get(0));
		bundle.updateStatus((status) -> status.stored(stored, temporary));
		if (temporary) {
			LogFields.bundle(bundle.getName())
				.info(logger,
						("Serving a temporary self-signed certificate for ACME bundle '%s' (%s) until %s issues one: "
								+ "clients do not trust it")
							.formatted(bundle.getName(), bundle.getSettings().domains(),
									bundle.getSettings().caName()));
		}
	}

	private List<X509Certificate> storeTemporary(AcmeBundle bundle, boolean replace) {
		AcmeBundleSettings settings = bundle.getSettings();
		BundleStorage files = bundle.files();
		try {
			TemporaryCertificate.Generated generated = TemporaryCertificate.generate(settings.domains(),
					settings.keyType(), this.clock);
			Path version = files.stage(List.of(generated.certificate()), generated.keyPair().getPrivate());
			if (replace) {
				files.publish(version);
			}
			else {
				// Another instance sharing the storage directory may have stored one
				// first
				files.publishIfAbsent(version);
			}
			return files.readChain();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Unable to store a temporary certificate for ACME bundle '%s' in '%s'"
				.formatted(bundle.getName(), files), ex);
		}
	}

}
