package io.github.hotcert.config;

import org.springframework.boot.SpringBootVersion;
import org.springframework.util.ClassUtils;

/**
 * The Spring Boot lines hotcert ships an artifact for. An application must use the
 * starter of the line it runs on: each line's auto-configuration checks it before the
 * application context is refreshed, and names the right starter when it is not.
 */
public enum SpringBootLine {

	/**
	 * Spring Boot 3.5.
	 */
	BOOT_3("3.5", "hotcert-spring-boot3-starter"),

	/**
	 * Spring Boot 4.
	 */
	BOOT_4("4", "hotcert-spring-boot-starter");

	/**
	 * A class that Spring Boot 4 added: its presence tells the lines apart.
	 */
	static final String BOOT_4_CLASS = "org.springframework.boot.EnvironmentPostProcessor";

	private final String version;

	private final String starter;

	SpringBootLine(String version, String starter) {
		this.version = version;
		this.starter = starter;
	}

	/**
	 * Return the starter for this line.
	 * @return the artifact id of the starter
	 */
	public String getStarter() {
		return this.starter;
	}

	/**
	 * Return the line of the Spring Boot on a class path.
	 * @param classLoader the class loader
	 * @return the line
	 */
	public static SpringBootLine of(ClassLoader classLoader) {
		return ClassUtils.isPresent(BOOT_4_CLASS, classLoader) ? BOOT_4 : BOOT_3;
	}

	/**
	 * Check that the application runs on this line.
	 * @param classLoader the class loader of the application
	 * @throws IllegalStateException if the application runs on another line, with a
	 * message that names the starter to use instead
	 */
	public void check(ClassLoader classLoader) {
		SpringBootLine actual = of(classLoader);
		if (actual != this) {
			String version = SpringBootVersion.getVersion();
			throw new IllegalStateException(("io.github.hotcert:%s is for Spring Boot %s, but this application runs on "
					+ "Spring Boot %s: replace it with io.github.hotcert:%s")
				.formatted(this.starter, this.version, (version != null) ? version : actual.version, actual.starter));
		}
	}

}
