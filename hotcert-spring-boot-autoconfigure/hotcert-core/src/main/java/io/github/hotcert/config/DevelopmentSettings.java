package io.github.hotcert.config;

import java.time.Duration;

import io.github.hotcert.development.DevelopmentCertificates;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Whether and how {@link DevelopmentCertificates} are generated, read from the
 * environment before the application context exists (by each line's environment
 * post-processor), with the defaults of {@link HotcertProperties}.
 *
 * @param generateMissingCertificates whether hotcert is enabled and asked to generate
 * missing development certificates
 * @param certificateValidity the validity of a generated certificate
 */
public record DevelopmentSettings(boolean generateMissingCertificates, Duration certificateValidity) {

	/**
	 * Read the settings from the given environment.
	 * @param environment the environment
	 * @return the settings
	 */
	public static DevelopmentSettings of(Environment environment) {
		Binder binder = Binder.get(environment);
		boolean enabled = binder.bind("hotcert.enabled", Boolean.class).orElse(new HotcertProperties().isEnabled());
		HotcertProperties.Development development = binder.bindOrCreate("hotcert.development",
				HotcertProperties.Development.class);
		return new DevelopmentSettings(enabled && development.isGenerateMissingCertificates(),
				development.getCertificateValidity());
	}

}
