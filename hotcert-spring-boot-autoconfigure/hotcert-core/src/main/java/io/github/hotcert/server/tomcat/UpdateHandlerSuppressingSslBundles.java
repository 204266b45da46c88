package io.github.hotcert.server.tomcat;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * {@link SslBundles} that delegate everything but the registration of update handlers.
 * Given to a Tomcat web server factory, they stop Spring Boot's own Tomcat update handler
 * from being registered: it replaces the connector's SSL host config with a new one built
 * from the bundle alone (Spring Boot 3.5), or edits the live host config before applying
 * it (Spring Boot 4), dropping customizations or leaving a half-changed host config when
 * the update fails. {@link TomcatSslApplier} updates the existing host config in place.
 */
public final class UpdateHandlerSuppressingSslBundles implements SslBundles {

	private static final Log logger = LogFactory.getLog(UpdateHandlerSuppressingSslBundles.class);

	private final SslBundles delegate;

	private UpdateHandlerSuppressingSslBundles(SslBundles delegate) {
		this.delegate = delegate;
	}

	/**
	 * Wrap the SSL bundles of a web server factory, once.
	 * @param sslBundles the SSL bundles, may be {@code null}
	 * @return the wrapped bundles, or {@code null} when none were given
	 */
	public static SslBundles wrap(SslBundles sslBundles) {
		if (sslBundles == null || sslBundles instanceof UpdateHandlerSuppressingSslBundles) {
			return sslBundles;
		}
		return new UpdateHandlerSuppressingSslBundles(sslBundles);
	}

	@Override
	public SslBundle getBundle(String name) throws NoSuchSslBundleException {
		return this.delegate.getBundle(name);
	}

	@Override
	public void addBundleUpdateHandler(String name, Consumer<SslBundle> updateHandler) throws NoSuchSslBundleException {
		this.delegate.getBundle(name);
		logger.debug("Tomcat updates for SSL bundle '%s' are applied by hotcert".formatted(name));
	}

	@Override
	public void addBundleRegisterHandler(BiConsumer<String, SslBundle> registerHandler) {
		this.delegate.addBundleRegisterHandler(registerHandler);
	}

	@Override
	public List<String> getBundleNames() {
		return this.delegate.getBundleNames();

	}

}
