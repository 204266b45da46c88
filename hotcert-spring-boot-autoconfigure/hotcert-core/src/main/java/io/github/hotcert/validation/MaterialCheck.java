package io.github.hotcert.validation;

import java.util.List;

import io.github.hotcert.source.CertificateInfo;
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
	 * Check material that is to replace the material a bundle serves. By default, the
	 * material is checked {@link #check(LoadedMaterial, ValidationSettings) on its own};
	 * checks that compare it with what is served override this method.
	 * @param material the material
	 * @param settings the parameters of the checks for the material's bundle
	 * @param servedTrust the trusted certificates the bundle serves now, empty when it
	 * serves none or nothing yet
	 * @return the problems found, empty when the material passes
	 */
	default List<Problem> check(LoadedMaterial material, ValidationSettings settings,
			List<CertificateInfo> servedTrust) {
		return check(material, settings);
	}

	/**
	 * A problem found by a check.
	 *
	 * @param location the file (or property) the problem is about, or {@code null}
	 * @param message a human readable reason, naming the file and the certificate
	 */
	record Problem(String location, String message) {

	}

}
