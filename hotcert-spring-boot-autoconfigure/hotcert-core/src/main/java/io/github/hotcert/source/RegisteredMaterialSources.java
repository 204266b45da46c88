package io.github.hotcert.source;

import java.util.List;

/**
 * The sources of SSL bundles that code registers in Spring Boot's
 * {@link org.springframework.boot.ssl.SslBundleRegistry} (through an
 * {@link org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar}) rather than
 * {@code spring.ssl.bundle.*} properties, for hotcert to manage like the others: their
 * files are watched, and new material is validated before it is published under the
 * bundle's name. Beans of this type are found by each line's auto-configuration.
 */
@FunctionalInterface
public interface RegisteredMaterialSources {

	/**
	 * Return the sources, one per bundle.
	 * @return the sources
	 */
	List<MaterialSource> getSources();

}
