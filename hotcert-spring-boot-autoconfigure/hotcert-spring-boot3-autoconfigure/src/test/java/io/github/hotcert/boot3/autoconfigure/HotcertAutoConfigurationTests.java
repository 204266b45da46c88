package io.github.hotcert.boot3.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.github.hotcert.config.BundleDiscovery;
import io.github.hotcert.config.HotcertProperties;
import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ReloadLifecycle;
import io.github.hotcert.reload.RetryScheduler;
import io.github.hotcert.reload.SslBundleRebinder;
import io.github.hotcert.reload.StartupValidation;
import io.github.hotcert.server.WebServerSslBinder;
import io.github.hotcert.server.tomcat.TomcatSslApplier;
import io.github.hotcert.source.MaterialLocation;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.Check;
import io.github.hotcert.validation.MaterialValidator;
import io.github.hotcert.validation.Severity;
import io.github.hotcert.validation.ValidationPolicy;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link HotcertAutoConfiguration} and {@link HotcertTomcatAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class HotcertAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HotcertAutoConfiguration.class));

	@TempDir
	Path directory;

	private String[] webBundle;

	@BeforeEach
	void writeCertificate() throws IOException {
		TestCertificates certificates = TestCertificates.now();
		Issued issued = certificates.selfSigned(certificates.leaf("auto"));
		Path certificate = this.directory.resolve("tls.crt");
		Path key = this.directory.resolve("tls.key");
		Files.writeString(certificate, PemFiles.certificates(issued.chain()));
		Files.writeString(key, PemFiles.pkcs8(issued.keyPair().getPrivate()));
		this.webBundle = new String[] { "spring.ssl.bundle.pem.web.keystore.certificate=" + certificate,
				"spring.ssl.bundle.pem.web.keystore.private-key=" + key };
	}

	@Test
	void managesFileBundlesByDefault() {
		this.runner.withPropertyValues(this.webBundle).run((context) -> {
			assertThat(context).hasSingleBean(CertificateReloader.class)
				.hasSingleBean(MaterialValidator.class)
				.hasSingleBean(ValidationPolicy.class)
				.hasSingleBean(ReloadLifecycle.class)
				.hasSingleBean(RetryScheduler.class);
			CertificateReloader reloader = context.getBean(CertificateReloader.class);
			assertThat(reloader.getBundles()).extracting((bundle) -> bundle.getName()).containsExactly("web");
			StartupValidation.awaitDone(context);
			assertThat(reloader.getBundle("web").getServed()).as("recorded at startup").isNotNull();
		});
	}

	@Test
	void managesBundlesWhoseMaterialIsWrittenInTheConfiguration() throws IOException {
		String pem = Files.readString(this.directory.resolve("tls.crt"));
		this.runner.withPropertyValues("spring.ssl.bundle.pem.inline.truststore.certificate=" + pem)
			.run((context) -> assertThat(context.getBean(CertificateReloader.class).getBundles()).singleElement()
				.satisfies(
						(bundle) -> assertThat(bundle.getSource().getLocations()).extracting(MaterialLocation::origin)
							.containsExactly(MaterialLocation.Origin.CONFIGURATION)));
	}

	@Test
	void rebindsTheBundlesWithoutSpringCloud() {
		this.runner.withPropertyValues(this.webBundle)
			.run((context) -> assertThat(context).hasSingleBean(SslBundleRebinder.class)
				.doesNotHaveBean("hotcertEnvironmentChangeListener"));
	}

	@Test
	void isOffWhenDisabled() {
		this.runner.withPropertyValues(this.webBundle).withPropertyValues("hotcert.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(SslBundleRegistry.class);
			assertThat(context).doesNotHaveBean(CertificateReloader.class)
				.doesNotHaveBean(MaterialValidator.class)
				.doesNotHaveBean(ReloadLifecycle.class)
				.doesNotHaveBean(HotcertProperties.class);
		});
	}

	@Test
	void isOffWithoutBouncyCastle() {
		Predicate<String> bouncyCastle = (name) -> name.startsWith("org.bouncycastle.")
				|| name.startsWith("org/bouncycastle/");
		this.runner.withPropertyValues(this.webBundle)
			.withClassLoader(new FilteredClassLoader(bouncyCastle))
			.run((context) -> assertThat(context).hasSingleBean(SslBundleRegistry.class)
				.doesNotHaveBean(CertificateReloader.class));
	}

	@Test
	void loadsNoBouncyCastleClassToDecideWhetherItApplies() {
		// The startup thread, which parses the material with Bouncy Castle, waits
		assertThat(bouncyCastleClassesLoaded(true, "hotcert.startup.delay=1h")).isEmpty();
		assertThat(bouncyCastleClassesLoaded(false, "hotcert.enabled=false")).isEmpty();
	}

	private Set<String> bouncyCastleClassesLoaded(boolean applies, String... properties) {
		Set<String> loaded = ConcurrentHashMap.newKeySet();
		Predicate<String> recordBouncyCastle = (name) -> {
			if (name.startsWith("org.bouncycastle.")) {
				loaded.add(name);
			}
			return false;
		};
		this.runner.withPropertyValues(this.webBundle)
			.withPropertyValues(properties)
			.withClassLoader(new FilteredClassLoader(recordBouncyCastle))
			.run((context) -> assertThat(context.getBeansOfType(CertificateReloader.class)).hasSize(applies ? 1 : 0));
		return loaded;
	}

	@Test
	void worksWithoutActuatorAndMicrometer() {
		this.runner.withPropertyValues(this.webBundle)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "io.micrometer"))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(CertificateReloader.class));
	}

	@Test
	void backsOffForUserBeans() {
		this.runner.withPropertyValues(this.webBundle).withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context.getBean(MaterialValidator.class)).isSameAs(context.getBean("userValidator"));
			assertThat(context.getBean(ValidationPolicy.class)).isSameAs(context.getBean("userPolicy"));
			assertThat(context.getBean(CertificateReloader.class)).isSameAs(context.getBean("userReloader"));
		});
	}

	@Test
	void doesNotRetryWhenRetriesAreDisabled() {
		this.runner.withPropertyValues(this.webBundle)
			.withPropertyValues("hotcert.retry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RetryScheduler.class));
	}

	@Test
	void bindsValidationSeveritiesWithBundleOverrides() {
		this.runner.withPropertyValues(this.webBundle)
			.withPropertyValues("hotcert.validation.checks.key-strength=off",
					"hotcert.validation.checks.hostnames=reject", "hotcert.validation.bundles.web.checks.dates=warn",
					"hotcert.validation.bundles.web.required-hostnames=api.example.com",
					"hotcert.validation.min-remaining-validity=2d")
			.run((context) -> {
				ValidationPolicy policy = context.getBean(ValidationPolicy.class);
				assertThat(policy.getSeverity("web", Check.KEY_STRENGTH)).isEqualTo(Severity.OFF);
				assertThat(policy.getSeverity("web", Check.HOSTNAMES)).isEqualTo(Severity.REJECT);
				assertThat(policy.getSeverity("web", Check.DATES)).isEqualTo(Severity.WARN);
				assertThat(policy.getSeverity("other", Check.DATES)).isEqualTo(Severity.REJECT);
				assertThat(policy.getSeverity("other", Check.KEY_MATCH)).isEqualTo(Severity.REJECT);
				assertThat(policy.getSettings("web").requiredHostnames()).containsExactly("api.example.com");
				assertThat(policy.getSettings("other").requiredHostnames()).isEmpty();
				assertThat(policy.getSettings("web").minRemainingValidity()).hasDays(2);
			});
	}

	@Test
	void warnsWhenSpringBootsOwnReloadIsAlsoOn(CapturedOutput output) {
		this.runner.withPropertyValues(this.webBundle)
			.withPropertyValues("spring.ssl.bundle.pem.web.reload-on-update=true")
			.run((context) -> assertThat(output).contains(
					"SSL bundle 'web' sets spring.ssl.bundle.pem.web.reload-on-update=true, but hotcert already watches it"));
	}

	@Test
	void managesTheBundleOfServerSslProperties() throws IOException {
		this.runner.withUserConfiguration(ServerPropertiesConfiguration.class)
			.withPropertyValues("server.ssl.certificate=" + this.directory.resolve("tls.crt"),
					"server.ssl.certificate-private-key=" + this.directory.resolve("tls.key"))
			.run((context) -> assertThat(context.getBean(CertificateReloader.class).getBundles())
				.extracting((bundle) -> bundle.getName())
				.containsExactly(BundleDiscovery.SERVER_SSL_BUNDLE_NAME));
	}

	@Test
	void appliesToTomcatInWebApplications() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HotcertAutoConfiguration.class,
					HotcertTomcatAutoConfiguration.class))
			.withPropertyValues(this.webBundle)
			.run((context) -> assertThat(context).hasSingleBean(TomcatSslApplier.class)
				.hasSingleBean(TomcatSslBundlesCustomizer.class)
				.hasSingleBean(WebServerSslBinder.class));
	}

	@Test
	void doesNotApplyToTomcatWhenItIsAbsent() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HotcertAutoConfiguration.class,
					HotcertTomcatAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(Tomcat.class))
			.withPropertyValues(this.webBundle)
			.run((context) -> assertThat(context).hasSingleBean(CertificateReloader.class)
				.doesNotHaveBean(TomcatSslApplier.class)
				.doesNotHaveBean(TomcatSslBundlesCustomizer.class));
	}

	@Test
	void doesNotApplyToTomcatWhenDisabled() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HotcertAutoConfiguration.class,
					HotcertTomcatAutoConfiguration.class))
			.withPropertyValues(this.webBundle)
			.withPropertyValues("hotcert.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TomcatSslApplier.class)
				.doesNotHaveBean(TomcatSslBundlesCustomizer.class)
				.doesNotHaveBean(WebServerSslBinder.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		MaterialValidator userValidator() {
			return new MaterialValidator(List.of(), TestValidation.policy());
		}

		@Bean
		ValidationPolicy userPolicy() {
			return TestValidation.policy();
		}

		@Bean
		CertificateReloader userReloader() {
			return new CertificateReloader(List.of(), userValidator(),
					mock(org.springframework.context.ApplicationEventPublisher.class), Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ServerProperties.class)
	static class ServerPropertiesConfiguration {

	}

}
