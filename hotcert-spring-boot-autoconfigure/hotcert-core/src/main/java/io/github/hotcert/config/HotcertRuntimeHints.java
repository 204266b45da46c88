package io.github.hotcert.config;

import io.github.hotcert.development.DevelopmentCertificates;
import io.github.hotcert.logging.LogFields;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * The {@link RuntimeHints} of hotcert for an application processed by Spring AOT (and
 * built into a native image), registered through {@code META-INF/spring/aot.factories}:
 * the classes hotcert looks up by name when it runs, and the properties it binds before
 * the application context exists. The rest of what hotcert reflects on is hinted by
 * Spring itself: its beans, its configuration properties ({@link HotcertProperties}), and
 * the JSON of the {@code certificates} endpoint (the return types of its operations).
 * hotcert reads no resource of its own: the certificate files are the application's.
 */
class HotcertRuntimeHints implements RuntimeHintsRegistrar {

	/**
	 * The classes looked up by name: the Spring Boot line ({@link SpringBootLine}),
	 * actuator ({@link ManagementServerSsl}), SLF4J ({@link LogFields}) and Bouncy Castle
	 * ({@link DevelopmentCertificates}).
	 */
	static final String[] CLASSES_LOOKED_UP = { SpringBootLine.BOOT_4_CLASS, ManagementServerSsl.ACTUATOR_CLASS,
			LogFields.MDC_CLASS, DevelopmentCertificates.PEM_WRITER_CLASS };

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		for (String className : CLASSES_LOOKED_UP) {
			hints.reflection().registerType(TypeReference.of(className));
		}
		// Bound by each line's environment post-processor, before any bean exists
		BindableRuntimeHintsRegistrar.forTypes(HotcertProperties.Development.class, PemSslBundleProperties.class)
			.registerHints(hints, classLoader);
	}

}
