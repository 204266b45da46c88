package io.github.hotcert.reload;

import java.util.function.Consumer;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;

/**
 * A {@link BundlePublisher} for a bundle of Spring Boot's {@link SslBundleRegistry}:
 * publishing updates the bundle in the registry, so that the web server and anything else
 * that registered an update handler uses the new bundle. When the registry is a
 * {@link ManagedSslBundleRegistry}, hotcert's own updates go straight to the handlers and
 * the updates that application code makes are {@link #interceptUpdates intercepted}; with
 * any other registry, they cannot be.
 */
public class RegistryBundlePublisher implements BundlePublisher {

	private final String name;

	private final SslBundleRegistry registry;

	private final SslBundles bundles;

	private final ManagedSslBundleRegistry managedRegistry;

	/**
	 * Create a new {@link RegistryBundlePublisher}.
	 * @param name the bundle name
	 * @param registry the registry to update
	 * @param bundles the bundles to read the current bundle from
	 */
	public RegistryBundlePublisher(String name, SslBundleRegistry registry, SslBundles bundles) {
		this.name = name;
		this.registry = registry;
		this.bundles = bundles;
		this.managedRegistry = (registry instanceof ManagedSslBundleRegistry managed) ? managed : null;
	}

	/**
	 * Return the bundle published last: with a {@link ManagedSslBundleRegistry}, the
	 * bundle itself, not the one that follows it, so that publishing it again restores
	 * exactly that material.
	 * @return the current bundle
	 */
	@Override
	public SslBundle getCurrent() {
		return (this.managedRegistry != null) ? this.managedRegistry.getPublished(this.name)
				: this.bundles.getBundle(this.name);
	}

	@Override
	public void adopt(SslBundle bundle) {
		// The registry holds the bundle in use
	}

	@Override
	public void publish(SslBundle bundle) {
		if (this.managedRegistry != null) {
			this.managedRegistry.publish(this.name, bundle);
		}
		else {
			this.registry.updateBundle(this.name, bundle);
		}
	}

	@Override
	public int getSslContexts() {
		return (this.managedRegistry != null) ? this.managedRegistry.getSslContexts(this.name) : 0;
	}

	@Override
	public void addUpdateHandler(Consumer<SslBundle> handler) {
		this.bundles.addBundleUpdateHandler(this.name, handler);
	}

	@Override
	public void interceptUpdates(Consumer<SslBundle> interceptor) {
		if (this.managedRegistry != null) {
			this.managedRegistry.intercept(this.name, interceptor);
		}
	}

	@Override
	public String toString() {
		return "SslBundleRegistry bundle '" + this.name + "'";
	}

}
