package io.github.hotcert.source;

/**
 * Thrown when certificate material cannot be read or parsed. The message names the bundle
 * and the file.
 */
public class MaterialLoadException extends RuntimeException {

	private final String bundleName;

	private final MaterialLocation location;

	private final String reason;

	MaterialLoadException(String bundleName, String what, MaterialLocation location, String reason) {
		this(bundleName, what, location, reason, null);
	}

	MaterialLoadException(String bundleName, String what, MaterialLocation location, String reason, Throwable cause) {
		super("Unable to load %s for bundle '%s' from '%s': %s".formatted(what, bundleName, location.describe(),
				reason), cause);
		this.bundleName = bundleName;
		this.location = location;
		this.reason = reason;
	}

	/**
	 * Return the name of the bundle whose material could not be loaded.
	 * @return the bundle name
	 */
	public String getBundleName() {
		return this.bundleName;
	}

	/**
	 * Return the location of the material that could not be loaded.
	 * @return the location
	 */
	public MaterialLocation getLocation() {
		return this.location;
	}

	/**
	 * Return the reason, without the bundle and location.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

}
