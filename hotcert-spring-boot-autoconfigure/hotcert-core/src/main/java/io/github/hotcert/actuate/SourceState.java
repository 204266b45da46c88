package io.github.hotcert.actuate;

import java.util.List;

import io.github.hotcert.reload.ManagedBundle;
import io.github.hotcert.reload.ServedMaterial;
import io.github.hotcert.source.ContentDigest;
import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.source.MaterialLoadException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What a bundle's source holds now, compared with what the bundle serves. Only digests of
 * the content are kept: the content itself is never.
 *
 * @param contents the digests of the content of each location, empty when it could not be
 * read
 * @param contentHash the combined hash of the content, or {@code null} when it could not
 * be read
 * @param differsFromServed whether the content differs from the served content, or
 * {@code null} when that is unknown because the served content was not read by hotcert
 * @param error why the content could not be read, or {@code null}
 */
record SourceState(List<ContentDigest> contents, String contentHash, Boolean differsFromServed, String error) {

	private static final Log logger = LogFactory.getLog(SourceState.class);

	/**
	 * Read the digests of a bundle's source and compare them with what it serves. Content
	 * that cannot be read differs from what is served.
	 * @param bundle the bundle
	 * @return the state of the source
	 */
	static SourceState of(ManagedBundle bundle) {
		ServedMaterial served = bundle.getServed();
		String servedHash = (served != null) ? served.contentHash() : null;
		try {
			List<ContentDigest> contents = bundle.getSource().digest();
			String contentHash = LoadedMaterial.contentHash(contents);
			Boolean differs = (servedHash != null) ? !servedHash.equals(contentHash) : null;
			return new SourceState(contents, contentHash, differs, null);
		}
		catch (MaterialLoadException ex) {
			return new SourceState(List.of(), null, true, ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.debug("Unable to read the material of bundle '%s'".formatted(bundle.getName()), ex);
			return new SourceState(List.of(), null, true,
					"Unable to read the material of bundle '%s' from %s: an unexpected error occurred (logged at "
						.formatted(bundle.getName(), bundle.getSource().getLocations()) + "DEBUG)");
		}
	}

	/**
	 * Return whether the source is known to hold content that is not served.
	 * @return whether the content differs or cannot be read
	 */
	boolean differs() {
		return Boolean.TRUE.equals(this.differsFromServed);
	}

}
