package io.github.hotcert.boot4.autoconfigure;

import java.nio.file.Path;

import io.github.hotcert.acme.AcmeBundles;
import io.github.hotcert.acme.AcmeManager;
import io.github.hotcert.acme.AcmeSslBundleRegistrar;
import io.github.hotcert.actuate.AcmeHealth;
import io.github.hotcert.metrics.AcmeMetrics;
import io.github.hotcert.reload.CertificateReloader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HotcertAcmeAutoConfiguration} and
 * {@link HotcertAcmeActuatorAutoConfiguration}.
 */
class HotcertAcmeAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(HotcertSslBundleRegistryAutoConfiguration.class, SslAutoConfiguration.class, HotcertAutoConfiguration.class,
				HotcertAcmeAutoConfiguration.class, HotcertAcmeActuatorAutoConfiguration.class));

	@TempDir
	Path storage;

	@Test
	void isOffWithoutAcmeBundles() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(AcmeBundles.class)
			.doesNotHaveBean(AcmeManager.class)
			.doesNotHaveBean(AcmeSslBundleRegistrar.class));
	}

	@Test
	void registersAndManagesAnAcmeBundle() {
		this.runner.withPropertyValues(acmeBundle()).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(AcmeBundles.class)
				.hasSingleBean(AcmeManager.class)
				.hasSingleBean(AcmeHealth.class)
				.hasSingleBean(AcmeMetrics.class)
				.hasBean("acmeHealthIndicator");
			assertThat(context.getBean(SslBundles.class).getBundle("web")).isNotNull();
			assertThat(context.getBean(CertificateReloader.class).getBundle("web")).as("managed like any bundle")
				.isNotNull();
			assertThat(context.getBean(AcmeBundles.class).getBundle("web").getStatus().isTemporary()).isTrue();
		});
	}

	@Test
	void healthIndicatorCanBeDisabled() {
		this.runner.withPropertyValues(acmeBundle())
			.withPropertyValues("management.health.acme.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("acmeHealthIndicator"));
	}

	@Test
	void failsClearlyWhenTheTermsOfServiceAreNotAgreedTo() {
		this.runner.withPropertyValues(acmeBundle())
			.withPropertyValues("hotcert.acme.bundle.web.terms-of-service-agreed=false")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("hotcert.acme.bundle.web.terms-of-service-agreed")
				.hasMessageContaining("agree to its terms of service"));
	}

	@Test
	void failsClearlyWithoutTheAcmeClient() {
		this.runner.withPropertyValues(acmeBundle())
			.withClassLoader(new FilteredClassLoader("org.shredzone"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("acme4j is not on the class path")
				.hasMessageContaining("org.shredzone.acme4j:acme4j-client"));
	}

	@Test
	void isOffWhenHotcertIsDisabled() {
		this.runner.withPropertyValues(acmeBundle())
			.withPropertyValues("hotcert.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AcmeBundles.class)
				.doesNotHaveBean(AcmeManager.class));
	}

	private String[] acmeBundle() {
		String prefix = "hotcert.acme.bundle.web.";
		// A CA that cannot be reached: the application starts without it
		return new String[] { prefix + "directory-url=https://127.0.0.1:1/directory", prefix + "domains=web.example",
				prefix + "terms-of-service-agreed=true", prefix + "storage=" + this.storage,
				prefix + "http-challenge-port=0", prefix + "http-challenge-address=127.0.0.1" };
	}

}
