package io.github.hotcert.source;

import java.nio.file.Path;

import org.springframework.util.Assert;

/**
 * Where one piece of certificate material comes from: a file, or content that is fixed
 * for the life of the application (PEM text in a property, a class path resource).
 *
 * @param property the configuration property that names the material, for example
 * {@code spring.ssl.bundle.pem.web.keystore.certificate}
 * @param value the property value
 * @param path the file the value resolves to, or {@code null} when the material is not a
 * file
 */
public record MaterialLocation(String property, String value, Path path) {

	private static final String REGISTRY = "SslBundleRegistry.updateBundle";

	public MaterialLocation {
		Assert.hasText(property, "'property' must not be empty");
		Assert.hasText(value, "'value' must not be empty");
	}

	/**
	 * Return the location of the material of a bundle that application code published
	 * through {@code SslBundleRegistry.updateBundle} instead of configuring it.
	 * @param bundleName the name of the bundle
	 * @return the location
	 */
	public static MaterialLocation registry(String bundleName) {
		return new MaterialLocation(REGISTRY, bundleName, null);
	}

	/**
	 * Return whether the material is a file that can change while the application runs.
	 * @return whether the material is a file
	 */
	public boolean isFile() {
		return this.path != null;
	}

	/**
	 * Return a description of the location for messages: the file path, the property that
	 * holds the content, or the registry call that published it.
	 * @return the description
	 */
	public String describe() {
		if (this.path != null) {
			return this.path.toString();
		}
		return REGISTRY.equals(this.property) ? "the bundle given to %s(\"%s\")".formatted(REGISTRY, this.value)
				: "property " + this.property;
	}

	@Override
	public String toString() {
		return describe();
	}

}
