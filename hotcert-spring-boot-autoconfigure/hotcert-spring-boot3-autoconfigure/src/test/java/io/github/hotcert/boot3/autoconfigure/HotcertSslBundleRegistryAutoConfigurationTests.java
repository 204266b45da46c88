package io.github.hotcert.boot3.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ManagedSslBundleRegistry;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HotcertSslBundleRegistryAutoConfiguration}.
 */
class HotcertSslBundleRegistryAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HotcertAutoConfiguration.class,
				HotcertSslBundleRegistryAutoConfiguration.class));

	@TempDir
	Path directory;

	private String[] webBundle;

	@BeforeEach
	void writeCertificate() throws IOException {
		TestCertificates certificates = TestCertificates.now();
		Issued issued = certificates.selfSigned(certificates.leaf("registry"));
		Path certificate = Files.writeString(this.directory.resolve("tls.crt"), PemFiles.certificates(issued.chain()));
		Path key = Files.writeString(this.directory.resolve("tls.key"), PemFiles.pkcs8(issued.keyPair().getPrivate()));
		this.webBundle = new String[] { "spring.ssl.bundle.pem.web.keystore.certificate=" + certificate,
				"spring.ssl.bundle.pem.web.keystore.private-key=" + key };
	}

	@Test
	void createsSpringBootsRegistryAsAManagedRegistryWithTheConfiguredBundles() {
		this.runner.withPropertyValues(this.webBundle).run((context) -> {
			assertThat(context).hasSingleBean(SslBundleRegistry.class).hasSingleBean(SslBundles.class);
			assertThat(context.getBean("sslBundleRegistry")).isInstanceOf(ManagedSslBundleRegistry.class)
				.isSameAs(context.getBean(DefaultSslBundleRegistry.class));
			assertThat(context.getBean(SslBundles.class).getBundleNames()).containsExactly("web");
			assertThat(context.getBean(CertificateReloader.class).getBundle("web")).isNotNull();
		});
	}

	@Test
	void leavesSpringBootsRegistryAloneWhenHotcertIsDisabled() {
		this.runner.withPropertyValues(this.webBundle).withPropertyValues("hotcert.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(SslBundleRegistry.class);
			assertThat(context.getBean(SslBundleRegistry.class)).isExactlyInstanceOf(DefaultSslBundleRegistry.class);
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesARegistry() {
		this.runner.withUserConfiguration(UserRegistryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(SslBundleRegistry.class);
			assertThat(context.getBean(SslBundleRegistry.class)).isSameAs(context.getBean("userRegistry"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRegistryConfiguration {

		@Bean
		DefaultSslBundleRegistry userRegistry() {
			return new DefaultSslBundleRegistry();
		}

	}

}
