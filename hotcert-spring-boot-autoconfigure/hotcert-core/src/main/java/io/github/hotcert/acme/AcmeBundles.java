package io.github.hotcert.acme;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.source.MaterialSources;
import io.github.hotcert.source.RegisteredMaterialSources;

import org.springframework.util.Assert;

/**
 * The bundles whose certificates come from an ACME CA. Each is a PEM bundle in its
 * storage directory, which hotcert manages like the bundles of
 * {@code spring.ssl.bundle.*}.
 */
public class AcmeBundles implements RegisteredMaterialSources {

	private final Map<String, AcmeBundle> bundles = new LinkedHashMap<>();

	/**
	 * Create a new {@link AcmeBundles}.
	 * @param settings the settings of each bundle
	 * @param materialSources the factory of the bundles' material sources
	 */
	public AcmeBundles(List<AcmeBundleSettings> settings, MaterialSources materialSources) {
		Assert.notNull(settings, "'settings' must not be null");
		Assert.notNull(materialSources, "'materialSources' must not be null");
		Map<Path, AcmeStorage> storages = new LinkedHashMap<>();
		for (AcmeBundleSettings bundle : settings) {
			AcmeStorage storage = storages.computeIfAbsent(bundle.storage().toAbsolutePath().normalize(),
					AcmeStorage::new);
			this.bundles.put(bundle.name(), new AcmeBundle(bundle, storage, materialSources::fromPemFiles));
		}
	}

	/**
	 * Return the bundles.
	 * @return the bundles, in configuration order
	 */
	public List<AcmeBundle> getBundles() {
		return List.copyOf(this.bundles.values());
	}

	/**
	 * Return the bundle with the given name.
	 * @param name the bundle name
	 * @return the bundle, or {@code null}
	 */
	public AcmeBundle getBundle(String name) {
		return this.bundles.get(name);
	}

	@Override
	public List<MaterialSource> getSources() {
		List<MaterialSource> sources = new ArrayList<>();
		this.bundles.values().forEach((bundle) -> sources.add(bundle.getSource()));
		return sources;
	}

}
