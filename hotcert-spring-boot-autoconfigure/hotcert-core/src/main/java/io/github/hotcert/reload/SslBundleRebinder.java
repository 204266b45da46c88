package io.github.hotcert.reload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.source.MaterialSources;
import io.github.hotcert.logging.LogFields;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;

/**
 * Binds the {@code spring.ssl.bundle.*} properties again, from the environment as it is
 * now, and reloads every managed bundle whose configuration changed: new PEM content
 * written in a property, new paths, new passwords, a new alias. The new material goes
 * through the same validation as a change of files, with the trigger
 * {@link ReloadTrigger#CONFIGURATION configuration}: material that is rejected is
 * reported and the previous material keeps being served. A bundle that now reads other
 * files is watched at those files.
 * <p>
 * When Spring Cloud is on the class path, every {@code EnvironmentChangeEvent} that
 * changes a {@code spring.ssl.bundle.*} property calls {@link #rebind(Collection)}: a
 * refresh through {@code /actuator/refresh}, Spring Cloud Bus, Config, Consul or a
 * Kubernetes configuration watcher. Application code that changes the environment another
 * way calls {@link #rebind()}.
 * <p>
 * What cannot change while the application runs is logged and left as it is: a bundle
 * that appears in the configuration (nothing uses it yet), a bundle that disappears from
 * it (it keeps being served), and the {@code server.ssl.*} properties of a web server.
 */
public class SslBundleRebinder {

	private static final String BUNDLE_PREFIX = "spring.ssl.bundle.";

	private static final List<String> SERVER_SSL_PREFIXES = List.of("server.ssl.", "management.server.ssl.");

	private static final Log logger = LogFactory.getLog(SslBundleRebinder.class);

	private final CertificateReloader reloader;

	private final MaterialSources materialSources;

	private final Environment environment;

	private final ReloadLifecycle lifecycle;

	/**
	 * Create a new {@link SslBundleRebinder}.
	 * @param reloader the reloader that owns the bundles
	 * @param materialSources the factory of material sources
	 * @param environment the environment to bind the properties from
	 * @param lifecycle the lifecycle that watches the files of the bundles, or
	 * {@code null}
	 */
	public SslBundleRebinder(CertificateReloader reloader, MaterialSources materialSources, Environment environment,
			ReloadLifecycle lifecycle) {
		Assert.notNull(reloader, "'reloader' must not be null");
		Assert.notNull(materialSources, "'materialSources' must not be null");
		Assert.notNull(environment, "'environment' must not be null");
		this.reloader = reloader;
		this.materialSources = materialSources;
		this.environment = environment;
		this.lifecycle = lifecycle;
	}

	/**
	 * Bind the bundles again if any of the given properties is a
	 * {@code spring.ssl.bundle.*} property.
	 * @param changedKeys the names of the properties that changed
	 * @return the result of each bundle that was reloaded
	 */
	public List<ReloadResult> rebind(Collection<String> changedKeys) {
		List<String> serverSsl = changedKeys.stream()
			.filter((key) -> SERVER_SSL_PREFIXES.stream().anyMatch(key::startsWith))
			.sorted()
			.toList();
		if (!serverSsl.isEmpty()) {
			logger
				.warn(("The properties %s changed, but a web server takes its 'server.ssl' configuration only when it "
						+ "starts: restart the application to apply them, or configure the server with an SSL bundle "
						+ "(spring.ssl.bundle.*), which changes while the application runs")
					.formatted(serverSsl));
		}
		if (changedKeys.stream().noneMatch((key) -> key.startsWith(BUNDLE_PREFIX))) {
			return List.of();
		}
		return rebind();
	}

	/**
	 * Bind the {@code spring.ssl.bundle.*} properties again and reload every managed
	 * bundle whose configuration changed.
	 * @return the result of each bundle that was reloaded
	 */
	public synchronized List<ReloadResult> rebind() {
		SslProperties properties = Binder.get(this.environment)
			.bind("spring.ssl", SslProperties.class)
			.orElseGet(SslProperties::new);
		Map<String, MaterialSource> sources = this.materialSources.byName(properties);
		List<ReloadResult> results = new ArrayList<>();
		for (ManagedBundle bundle : this.reloader.getBundles()) {
			// Only the bundles of Spring Boot's registry come from spring.ssl.bundle.*,
			// and
			// not those that code registers (ACME bundles)
			if (bundle.getPublisher() instanceof RegistryBundlePublisher && isConfiguredBySslProperties(bundle)) {
				MaterialSource source = sources.remove(bundle.getName());
				if (source == null) {
					LogFields.bundle(bundle.getName())
						.warn(logger,
								("SSL bundle '%s' is no longer configured: it keeps serving its material until the "
										+ "application is restarted")
									.formatted(bundle.getName()));
				}
				else if (!source.isConfiguredLike(bundle.getSource())) {
					results.add(reload(bundle, source));
				}
			}
		}
		sources.keySet()
			.forEach((name) -> LogFields.bundle(name)
				.warn(logger,
						("SSL bundle '%s' is configured now, but nothing uses a bundle that did not "
								+ "exist when the application started: restart the application to use it")
							.formatted(name)));
		return results;
	}

	private static boolean isConfiguredBySslProperties(ManagedBundle bundle) {
		return bundle.getSource()
			.getLocations()
			.stream()
			.anyMatch((location) -> location.property().startsWith(BUNDLE_PREFIX));
	}

	private ReloadResult reload(ManagedBundle bundle, MaterialSource source) {
		Set<Path> previousFiles = bundle.getSource().getFiles();
		// Published even when the content is unchanged: the new configuration may build
		// another bundle from it (another alias, other options)
		ReloadResult result = this.reloader.reload(source,
				new ReloadRequest(ReloadTrigger.CONFIGURATION, false, true, null));
		if (this.lifecycle != null && !previousFiles.equals(source.getFiles())) {
			this.lifecycle.rewatch(bundle);
		}
		return result;
	}

}
