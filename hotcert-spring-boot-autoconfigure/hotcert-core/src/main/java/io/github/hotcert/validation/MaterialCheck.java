package io.github.hotcert.validation;

import java.util.List;

import io.github.hotcert.source.LoadedMaterial;

/**
 * One check of new certificate material. A check reports problems; whether a problem
 * rejects the material is decided by the {@link ValidationPolicy}.
 */
public interface MaterialCheck {

	/**
	 * Return which check this is.
	 * @return the check
	 */
	Check getCheck();

	/**
	 * Check the given material.
	 * @param material the material
	 * @param settings the parameters of the checks for the material's bundle
	 * @return the problems found, empty when the material passes
	 */
	List<Problem> check(LoadedMaterial material, ValidationSettings settings);

	/**
	 * A problem found by a check.
	 *
	 * @param location the file (or property) the problem is about, or {@code null}
	 * @param message a human readable reason, naming the file and the certificate
	 */
	record Problem(String location, String message) {

	}

}
