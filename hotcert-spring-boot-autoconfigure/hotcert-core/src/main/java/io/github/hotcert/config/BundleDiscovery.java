package io.github.hotcert.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.github.hotcert.reload.LocalBundlePublisher;
import io.github.hotcert.reload.ManagedBundle;
import io.github.hotcert.reload.RegistryBundlePublisher;
import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.source.MaterialSources;
import io.github.hotcert.source.RegisteredMaterialSources;

import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;
import org.springframework.util.Assert;

/**
 * Finds the bundles hotcert manages, the way Spring Boot's
 * {@code SslPropertiesBundleRegistrar} finds the bundles it registers: every
 * {@code spring.ssl.bundle.*} bundle with material (files, PEM content written in the
 * configuration, other resources) and every bundle that code registers with files hotcert
 * knows of (the {@link RegisteredMaterialSources}, such as ACME bundles), published
 * through the {@link SslBundleRegistry}, and the bundles a web server builds from its own
 * {@code server.ssl.*} or {@code management.server.ssl.*} properties, published to that
 * server only. Where those properties live differs between Spring Boot lines: each line
 * reads them and hands them over.
 */
public class BundleDiscovery {

	/**
	 * The name hotcert gives to the bundle that a web server builds from its
	 * {@code server.ssl.*} properties when no {@code server.ssl.bundle} is set.
	 */
	public static final String SERVER_SSL_BUNDLE_NAME = "server.ssl";

	/**
	 * The name of the bundle that the management server builds from its
	 * {@code management.server.ssl.*} properties when no bundle is set.
	 */
	public static final String MANAGEMENT_SSL_BUNDLE_NAME = "management.server.ssl";

	private final MaterialSources materialSources;

	private final SslBundleRegistry sslBundleRegistry;

	private final SslBundles sslBundles;

	private final int historySize;

	private final Supplier<List<MaterialSource>> registeredSources;

	/**
	 * Create a new {@link BundleDiscovery}.
	 * @param materialSources the factory of material sources
	 * @param sslBundleRegistry Spring Boot's registry, where reloaded bundles are
	 * published
	 * @param sslBundles Spring Boot's bundles
	 * @param historySize how many reloads each bundle remembers
	 */
	public BundleDiscovery(MaterialSources materialSources, SslBundleRegistry sslBundleRegistry, SslBundles sslBundles,
			int historySize) {
		this(materialSources, sslBundleRegistry, sslBundles, historySize, List::of);
	}

	/**
	 * Create a new {@link BundleDiscovery} that also manages bundles that code registers
	 * in the registry.
	 * @param materialSources the factory of material sources
	 * @param sslBundleRegistry Spring Boot's registry, where reloaded bundles are
	 * published
	 * @param sslBundles Spring Boot's bundles
	 * @param historySize how many reloads each bundle remembers
	 * @param registeredSources the sources of the bundles registered by code (see
	 * {@link RegisteredMaterialSources})
	 */
	public BundleDiscovery(MaterialSources materialSources, SslBundleRegistry sslBundleRegistry, SslBundles sslBundles,
			int historySize, Supplier<List<MaterialSource>> registeredSources) {
		Assert.notNull(materialSources, "'materialSources' must not be null");
		Assert.notNull(registeredSources, "'registeredSources' must not be null");
		Assert.notNull(sslBundleRegistry, "'sslBundleRegistry' must not be null");
		Assert.notNull(sslBundles, "'sslBundles' must not be null");
		this.materialSources = materialSources;
		this.sslBundleRegistry = sslBundleRegistry;
		this.sslBundles = sslBundles;
		this.historySize = historySize;
		this.registeredSources = registeredSources;
	}

	/**
	 * Return the bundles to manage.
	 * @param sslProperties the {@code spring.ssl.*} properties
	 * @param serverSsl the main server's {@code server.ssl.*} properties, or {@code null}
	 * @param managementSsl the management server's {@code management.server.ssl.*}
	 * properties when it runs on its own port, or {@code null}
	 * @return the managed bundles
	 */
	public List<ManagedBundle> discover(SslProperties sslProperties, Ssl serverSsl, Ssl managementSsl) {
		List<ManagedBundle> bundles = new ArrayList<>();
		List<MaterialSource> sources = new ArrayList<>(this.materialSources.fromSslProperties(sslProperties));
		sources.addAll(this.registeredSources.get());
		for (MaterialSource source : sources) {
			bundles.add(new ManagedBundle(source,
					new RegistryBundlePublisher(source.getBundleName(), this.sslBundleRegistry, this.sslBundles),
					this.historySize));
		}
		addServerSsl(bundles, serverSsl, SERVER_SSL_BUNDLE_NAME);
		addServerSsl(bundles, managementSsl, MANAGEMENT_SSL_BUNDLE_NAME);
		return bundles;
	}

	private void addServerSsl(List<ManagedBundle> bundles, Ssl ssl, String name) {
		MaterialSource source = (ssl != null) ? this.materialSources.fromServerSsl(ssl, name, name + ".") : null;
		if (source != null) {
			bundles.add(new ManagedBundle(source, new LocalBundlePublisher(name), this.historySize));
		}
	}

}
