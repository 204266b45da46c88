package io.github.hotcert.development;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.logging.Log;

import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Generates a development CA and a certificate for localhost for each PEM bundle whose
 * key store files ({@code spring.ssl.bundle.pem.<name>.keystore.*}) are both missing.
 * Called by each Spring Boot line's environment post-processor, before the application
 * context starts, so that Spring Boot finds the files when it loads its bundles, and only
 * when {@code hotcert.development.generate-missing-certificates} asks for it. Never while
 * Spring AOT processes the application at build time: a build must not create key
 * material.
 */
public class DevelopmentCertificates {

	/**
	 * The Bouncy Castle class whose presence is checked before generating anything.
	 */
	public static final String PEM_WRITER_CLASS = "org.bouncycastle.openssl.jcajce.JcaPEMWriter";

	private static final Bindable<Map<String, PemSslBundleProperties>> PEM_BUNDLES = Bindable.mapOf(String.class,
			PemSslBundleProperties.class);

	private final Log logger;

	private final Clock clock;

	/**
	 * Create a new {@link DevelopmentCertificates}.
	 * @param logger where to report what was generated
	 * @param clock the clock that dates the certificates
	 */
	public DevelopmentCertificates(Log logger, Clock clock) {
		this.logger = logger;
		this.clock = clock;
	}

	/**
	 * Generate the missing files of the bundles in the environment.
	 * @param environment the environment
	 * @param applicationResourceLoader the resource loader of the application
	 * @param validity the validity of a generated certificate
	 */
	public void generateMissing(ConfigurableEnvironment environment, ResourceLoader applicationResourceLoader,
			Duration validity) {
		if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
			// A build never creates key material: the application generates the files
			// when it starts
			this.logger.info("Not generating development certificates while Spring AOT processes the application: "
					+ "they are generated when it starts");
			return;
		}
		if (!ClassUtils.isPresent(PEM_WRITER_CLASS, null)) {
			return;
		}
		Binder binder = Binder.get(environment);
		ResourceLoader resourceLoader = ApplicationResourceLoader.get(applicationResourceLoader, true);
		Map<String, PemSslBundleProperties> bundles = binder.bind("spring.ssl.bundle.pem", PEM_BUNDLES)
			.orElse(Map.of());
		new TreeMap<>(bundles)
			.forEach((name, properties) -> generateIfMissing(name, properties.getKeystore(), resourceLoader, validity));
	}

	private void generateIfMissing(String name, PemSslBundleProperties.Store store, ResourceLoader resourceLoader,
			Duration validity) {
		Path certificate = file(store.getCertificate(), resourceLoader);
		Path privateKey = file(store.getPrivateKey(), resourceLoader);
		if (certificate == null || privateKey == null) {
			return;
		}
		boolean certificateExists = Files.exists(certificate);
		boolean privateKeyExists = Files.exists(privateKey);
		if (certificateExists && privateKeyExists) {
			return;
		}
		if (certificateExists || privateKeyExists) {
			this.logger.warn(("Not generating a development certificate for SSL bundle '%s': '%s' exists but '%s' "
					+ "does not. Provide both files, or remove the other one to have both generated.")
				.formatted(name, certificateExists ? certificate : privateKey,
						certificateExists ? privateKey : certificate));
			return;
		}
		try {
			Path ca = new DevelopmentCertificateGenerator(this.clock, validity).generate(certificate, privateKey);
			this.logger.warn(("Generated a development CA and a certificate for localhost for SSL bundle '%s' "
					+ "(hotcert.development.generate-missing-certificates=true): certificate '%s', private key '%s', "
					+ "CA '%s'. Trust the CA to connect without warnings, for example: curl --cacert %s "
					+ "https://localhost:<port>/. Never use these files in production.")
				.formatted(name, certificate, privateKey, ca, ca));
		}
		catch (IOException | RuntimeException ex) {
			this.logger.error("Unable to generate a development certificate for SSL bundle '%s' in '%s'".formatted(name,
					certificate.getParent()), ex);
		}
	}

	private static Path file(String value, ResourceLoader resourceLoader) {
		if (!StringUtils.hasText(value) || PemContent.isPresentInText(value)) {
			return null;
		}
		Resource resource = resourceLoader.getResource(value);
		if (!resource.isFile()) {
			return null;
		}
		try {
			return resource.getFile().toPath().toAbsolutePath();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
