package io.github.hotcert.acme;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.source.PropertyNames;

/**
 * One SSL bundle whose certificate comes from an ACME CA: how it is obtained, where it is
 * stored, and where it stands. To the rest of hotcert it is an ordinary PEM bundle read
 * from its {@link #getSource() source} in the storage directory.
 */
public final class AcmeBundle {

	private final AcmeBundleSettings settings;

	private final AcmeStorage storage;

	private final BundleStorage bundleStorage;

	private final MaterialSourceFactory sources;

	private final MaterialSource source;

	private final Object statusMonitor = new Object();

	private volatile AcmeBundleStatus status = AcmeBundleStatus.INITIAL;

	AcmeBundle(AcmeBundleSettings settings, AcmeStorage storage, MaterialSourceFactory sources) {
		this.settings = settings;
		this.storage = storage;
		this.bundleStorage = storage.bundle(settings.name());
		this.sources = sources;
		this.source = sources.create(settings.name(), prefix(), this.bundleStorage.certificateFile(),
				this.bundleStorage.privateKeyFile());
	}

	/**
	 * Return the bundle name.
	 * @return the name
	 */
	public String getName() {
		return this.settings.name();
	}

	/**
	 * Return how the certificate is obtained.
	 * @return the settings
	 */
	public AcmeBundleSettings getSettings() {
		return this.settings;
	}

	/**
	 * Return the source of the bundle's material: the current certificate and key files
	 * in the storage directory.
	 * @return the source
	 */
	public MaterialSource getSource() {
		return this.source;
	}

	/**
	 * Return where the bundle stands now. The status does not change: call again for a
	 * later one.
	 * @return the status
	 */
	public AcmeBundleStatus getStatus() {
		return this.status;
	}

	/**
	 * Replace the status with a change of it, as one step that every reader sees whole.
	 * The change runs under a lock: it must be quick and have no other effect.
	 * @param change the change of the current status
	 * @return the new status
	 */
	AcmeBundleStatus updateStatus(UnaryOperator<AcmeBundleStatus> change) {
		synchronized (this.statusMonitor) {
			AcmeBundleStatus updated = change.apply(this.status);
			this.status = updated;
			return updated;
		}
	}

	/**
	 * Return the source of a staged version of the bundle's files, for validating it
	 * before it is published.
	 */
	MaterialSource stagedSource(Path version) {
		return this.sources.create(getName(), prefix(), version.resolve(BundleStorage.CERTIFICATE),
				version.resolve(BundleStorage.PRIVATE_KEY));
	}

	private String prefix() {
		return PropertyNames.entry("hotcert.acme.bundle", getName()) + ".storage.";
	}

	AcmeStorage storage() {
		return this.storage;
	}

	BundleStorage files() {
		return this.bundleStorage;
	}

	@Override
	public String toString() {
		return "AcmeBundle[" + getName() + ", " + this.settings.displayDirectory() + "]";
	}

	/**
	 * Creates the material source of a bundle's files.
	 */
	@FunctionalInterface
	interface MaterialSourceFactory {

		MaterialSource create(String bundleName, String prefix, Path certificate, Path privateKey);

	}

}
