package io.github.hotcert.benchmarks;

import java.util.List;

import io.github.hotcert.benchmarks.CertificateAuthority.Material;

/**
 * The files of one SSL bundle of the measured application, and how new material is
 * written to them.
 */
interface CertificateFiles {

	/**
	 * Return the arguments that make the web server serve a bundle read from these files.
	 * @return the arguments
	 */
	List<String> arguments();

	/**
	 * Return the name of the bundle the web server serves from these files.
	 * @return the bundle name
	 */
	default String bundle() {
		return "web";
	}

	/**
	 * Write new material.
	 * @param material the material
	 * @return the {@link System#nanoTime()} at which the change was complete: the last
	 * write, or the swap that made it visible at once
	 */
	long write(Material material);

}
