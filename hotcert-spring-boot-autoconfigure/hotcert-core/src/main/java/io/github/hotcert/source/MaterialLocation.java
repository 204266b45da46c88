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

	public MaterialLocation {
		Assert.hasText(property, "'property' must not be empty");
		Assert.hasText(value, "'value' must not be empty");
	}

	/**
	 * Return whether the material is a file that can change while the application runs.
	 * @return whether the material is a file
	 */
	public boolean isFile() {
		return this.path != null;
	}

	/**
	 * Return a description of the location for messages: the file path, or the property
	 * that holds the content.
	 * @return the description
	 */
	public String describe() {
		return (this.path != null) ? this.path.toString() : "property " + this.property;
	}

	@Override
	public String toString() {
		return describe();
	}

}
