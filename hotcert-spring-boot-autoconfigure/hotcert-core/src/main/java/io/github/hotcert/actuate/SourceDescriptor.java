package io.github.hotcert.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.hotcert.source.ContentDigest;
import io.github.hotcert.source.MaterialLocation;
import io.github.hotcert.source.MaterialSource;

/**
 * Description of where a bundle's material comes from and what is there now. A location
 * is named by its property and its origin, and by its path when it is a file: never by
 * its value, which may be PEM text.
 *
 * @param type the type of source, such as {@code pem} or {@code jks}
 * @param locations the locations the material is read from
 * @param contentHash the combined hash of the content on disk now
 * @param differsFromServed whether the content on disk differs from the served content
 * (absent when unknown)
 * @param error why the content on disk cannot be read
 */
public record SourceDescriptor(String type, List<LocationDescriptor> locations, String contentHash,
		Boolean differsFromServed, String error) {

	static SourceDescriptor of(MaterialSource source, SourceState state) {
		Map<MaterialLocation, ContentDigest> digests = state.contents()
			.stream()
			.collect(Collectors.toMap(ContentDigest::location, Function.identity(), (first, second) -> first));
		List<LocationDescriptor> locations = source.getLocations()
			.stream()
			.map((location) -> LocationDescriptor.of(location, digests.get(location)))
			.toList();
		return new SourceDescriptor(source.getType(), locations, state.contentHash(), state.differsFromServed(),
				state.error());
	}

	/**
	 * Description of one location: where the material comes from, never the material
	 * itself.
	 *
	 * @param property the configuration property that names the material
	 * @param origin where the material comes from: {@code file}, {@code configuration}
	 * (PEM content written in the property), {@code resource} (a resource that is not a
	 * file) or {@code registry} (a bundle published by application code)
	 * @param path the file, absent when the material is not a file
	 * @param sha256 the SHA-256 digest of the content on disk now
	 * @param size the size of the content in bytes
	 * @param lastModified when the file was last modified
	 */
	public record LocationDescriptor(String property, String origin, String path, String sha256, Long size,
			Instant lastModified) {

		static LocationDescriptor of(MaterialLocation location, ContentDigest digest) {
			String origin = location.origin().id();
			String path = (location.path() != null) ? location.path().toString() : null;
			if (digest == null) {
				return new LocationDescriptor(location.property(), origin, path, null, null, null);
			}
			return new LocationDescriptor(location.property(), origin, path, digest.sha256(), digest.size(),
					digest.lastModified());
		}

	}

}
