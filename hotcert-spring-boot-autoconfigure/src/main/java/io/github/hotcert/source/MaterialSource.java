package io.github.hotcert.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.util.Assert;

/**
 * The configured inputs of one SSL bundle and how to turn them into
 * {@link LoadedMaterial}. Every call to {@link #load()} reads and parses the content
 * again, eagerly: nothing is deferred until a handshake needs it.
 */
public abstract class MaterialSource {

	private final String bundleName;

	private final ContentReader reader;

	private final SslBundleKey key;

	private final SslOptions options;

	private final String protocol;

	MaterialSource(String bundleName, ContentReader reader, SslBundleKey key, SslOptions options, String protocol) {
		Assert.hasText(bundleName, "'bundleName' must not be empty");
		Assert.notNull(reader, "'reader' must not be null");
		this.bundleName = bundleName;
		this.reader = reader;
		this.key = (key != null) ? key : SslBundleKey.NONE;
		this.options = (options != null) ? options : SslOptions.NONE;
		this.protocol = protocol;
	}

	/**
	 * Return the name of the bundle.
	 * @return the bundle name
	 */
	public String getBundleName() {
		return this.bundleName;
	}

	/**
	 * Return a short description of the kind of source, such as {@code pem} or
	 * {@code jks}.
	 * @return the source type
	 */
	public abstract String getType();

	/**
	 * Return every location the bundle's material is read from.
	 * @return the locations
	 */
	public abstract List<MaterialLocation> getLocations();

	/**
	 * Return the files the bundle's material is read from, as configured (symbolic links
	 * are not resolved).
	 * @return the files
	 */
	public Set<Path> getFiles() {
		Set<Path> files = new LinkedHashSet<>();
		getLocations().stream().map(MaterialLocation::path).filter(Objects::nonNull).forEach(files::add);
		return files;
	}

	/**
	 * Read the content of every location and return its digests, without parsing.
	 * @return the digests
	 * @throws MaterialLoadException if a location cannot be read
	 */
	public List<ContentDigest> digest() {
		List<ContentDigest> digests = new ArrayList<>();
		for (MaterialLocation location : getLocations()) {
			digests.add(this.reader.read(this.bundleName, "content", location).digest());
		}
		return digests;
	}

	/**
	 * Read and parse the material.
	 * @return the loaded material
	 * @throws MaterialLoadException if the material cannot be read or parsed
	 */
	public abstract LoadedMaterial load();

	protected final MaterialContent read(String what, MaterialLocation location) {
		return this.reader.read(this.bundleName, what, location);
	}

	protected final SslBundleKey getKey() {
		return this.key;
	}

	protected final SslOptions getOptions() {
		return this.options;
	}

	protected final String getProtocol() {
		return this.protocol;
	}

	@Override
	public String toString() {
		return getType() + " bundle '" + this.bundleName + "' " + getLocations();
	}

}
