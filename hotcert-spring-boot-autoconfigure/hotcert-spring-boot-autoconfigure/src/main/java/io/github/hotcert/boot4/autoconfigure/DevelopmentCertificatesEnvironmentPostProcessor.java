package io.github.hotcert.boot4.autoconfigure;

import java.time.Clock;

import io.github.hotcert.config.DevelopmentSettings;
import io.github.hotcert.development.DevelopmentCertificates;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Generates missing development certificates ({@link DevelopmentCertificates}) before the
 * application context starts, on Spring Boot 4.
 */
class DevelopmentCertificatesEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	private final DevelopmentCertificates certificates;

	DevelopmentCertificatesEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.certificates = new DevelopmentCertificates(logFactory.getLog(DevelopmentCertificates.class),
				Clock.systemUTC());
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		DevelopmentSettings settings = DevelopmentSettings.of(environment);
		if (settings.generateMissingCertificates()) {
			this.certificates
				.generateMissing(environment,
						(application.getResourceLoader() != null) ? application.getResourceLoader()
								: new DefaultResourceLoader(application.getClassLoader()),
						settings.certificateValidity());
		}
	}

}
