package io.github.hotcert.server;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ManagedBundle;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.Assert;

/**
 * The bundles currently published, by name: from hotcert when it manages the bundle (it
 * also knows bundles that are not in Spring Boot's registry), otherwise from Spring
 * Boot's {@link SslBundles}. For appliers that must rebuild the SSL configuration of
 * several bundles when one of them changes.
 */
public class ServedBundles {

	private final CertificateReloader reloader;

	private final SslBundles sslBundles;

	/**
	 * Create a new {@link ServedBundles}.
	 * @param reloader the reloader that owns the managed bundles
	 * @param sslBundles Spring Boot's SSL bundles
	 */
	public ServedBundles(CertificateReloader reloader, SslBundles sslBundles) {
		Assert.notNull(reloader, "'reloader' must not be null");
		Assert.notNull(sslBundles, "'sslBundles' must not be null");
		this.reloader = reloader;
		this.sslBundles = sslBundles;
	}

	/**
	 * Return the bundle currently published under the given name.
	 * @param name the bundle name
	 * @return the bundle
	 * @throws NoSuchSslBundleException if no bundle has that name
	 */
	public SslBundle get(String name) throws NoSuchSslBundleException {
		ManagedBundle managed = this.reloader.getBundle(name);
		SslBundle current = (managed != null) ? managed.getPublisher().getCurrent() : null;
		return (current != null) ? current : this.sslBundles.getBundle(name);
	}

}
