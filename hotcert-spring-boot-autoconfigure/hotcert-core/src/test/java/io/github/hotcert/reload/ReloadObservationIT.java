package io.github.hotcert.reload;

import java.nio.file.Path;

import io.github.hotcert.testsupport.PemBundleDirectory;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestWebApplication;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reload observation in an application on each Spring Boot line: the reloader
 * observes with the application's {@code ObservationRegistry} and
 * {@link ReloadObservationConvention}.
 */
class ReloadObservationIT {

	private final TestCertificates certificates = TestCertificates.now();

	@TempDir
	Path directory;

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	@Test
	void observesWithTheObservationRegistryAndConventionOfTheApplication() {
		PemBundleDirectory files = new PemBundleDirectory(this.directory)
			.write(this.certificates.selfSigned(this.certificates.leaf("observed")));
		this.application.run(new Class<?>[] { ObservationConfiguration.class },
				TestWebApplication.pemBundle("web", files.certificate(), files.privateKey()));
		TestObservationRegistryAssert.assertThat(this.application.getBean(TestObservationRegistry.class))
			.hasObservationWithNameEqualTo("tls.reload")
			.that()
			.hasContextualNameEqualTo("reload web")
			.hasLowCardinalityKeyValue("bundle", "web")
			.hasLowCardinalityKeyValue("trigger", "startup")
			.hasLowCardinalityKeyValue("outcome", "unchanged")
			.hasBeenStopped();
	}

	@Configuration(proxyBeanMethods = false)
	static class ObservationConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

		@Bean
		ReloadObservationConvention reloadObservationConvention() {
			return new DefaultReloadObservationConvention() {

				@Override
				public String getName() {
					return "tls.reload";
				}

			};
		}

	}

}
