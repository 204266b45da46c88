package io.github.hotcert.source;

import java.nio.file.Path;
import java.util.Locale;

import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.util.Assert;

/**
 * Where one piece of certificate material comes from: a file, PEM text in a configuration
 * property, a resource that is not a file (a class path resource), or a bundle that
 * application code published. The value is never part of a description: it may be PEM
 * text.
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
	 * Return where the material comes from.
	 * @return the origin
	 */
	public Origin origin() {
		if (this.path != null) {
			return Origin.FILE;
		}
		if (REGISTRY.equals(this.property)) {
			return Origin.REGISTRY;
		}
		return PemContent.isPresentInText(this.value) ? Origin.CONFIGURATION : Origin.RESOURCE;
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

	/**
	 * Where the material of a location comes from. Only a file changes by itself; the
	 * other origins change when the configuration or the application changes them.
	 */
	public enum Origin {

		/**
		 * A file, watched for changes.
		 */
		FILE,

		/**
		 * PEM content written in the configuration property itself.
		 */
		CONFIGURATION,

		/**
		 * A resource that is not a file, such as a class path resource.
		 */
		RESOURCE,

		/**
		 * A bundle that application code published through
		 * {@code SslBundleRegistry.updateBundle}.
		 */
		REGISTRY;

		/**
		 * Return the lower case name used in reports.
		 * @return the name
		 */
		public String id() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
