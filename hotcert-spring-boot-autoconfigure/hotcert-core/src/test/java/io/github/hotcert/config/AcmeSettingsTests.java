package io.github.hotcert.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.hotcert.acme.AcmeBundleSettings;
import io.github.hotcert.acme.AcmeKeyType;
import io.github.hotcert.acme.ChallengeType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AcmeSettings}.
 */
class AcmeSettingsTests {

	@TempDir
	Path storage;

	@Test
	void defaults() {
		AcmeBundleSettings settings = AcmeSettings.of("web", bundle());
		assertThat(settings.directory())
			.isEqualTo(URI.create("https://acme-staging-v02.api.letsencrypt.org/directory"));
		assertThat(settings.domains()).containsExactly("example.org", "www.example.org");
		assertThat(settings.challengeType()).isEqualTo(ChallengeType.HTTP_01);
		assertThat(settings.httpChallengePort()).isEqualTo(80);
		assertThat(settings.keyType()).isEqualTo(AcmeKeyType.EC_P256);
		assertThat(settings.renewalRatio()).isEqualTo(1.0 / 3);
		assertThat(settings.reuseKey()).isFalse();
		assertThat(settings.retry().initialInterval()).isEqualTo(Duration.ofMinutes(1));
		assertThat(settings.retry().maxInterval()).isEqualTo(Duration.ofHours(4));
		assertThat(settings.lockTimeout()).isEqualTo(Duration.ofMinutes(2));
		assertThat(settings.externalAccountBinding()).isNull();
		assertThat(settings.storage()).isEqualTo(this.storage.toAbsolutePath());
	}

	@Test
	void letsEncryptShortcutsNameItsDirectories() {
		AcmeProperties.Bundle bundle = bundle();
		bundle.setDirectoryUrl("letsencrypt");
		assertThat(AcmeSettings.of("web", bundle).directory())
			.isEqualTo(URI.create("https://acme-v02.api.letsencrypt.org/directory"));
		bundle.setDirectoryUrl("acme://letsencrypt.org/staging");
		assertThat(AcmeSettings.of("web", bundle).directory())
			.isEqualTo(URI.create("https://acme-staging-v02.api.letsencrypt.org/directory"));
	}

	@Test
	void termsOfServiceMustBeAgreedTo() {
		AcmeProperties.Bundle bundle = bundle();
		bundle.setTermsOfServiceAgreed(false);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> AcmeSettings.of("web", bundle))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("hotcert.acme.bundle.web.terms-of-service-agreed"))
			.withMessageContaining("agree to its terms of service")
			.withMessageContaining("hotcert.acme.bundle.web.terms-of-service-agreed=true");
	}

	@Test
	void namesThePropertyOfABundleWhoseNameHasADotWithBrackets() {
		AcmeProperties.Bundle bundle = bundle();
		bundle.setTermsOfServiceAgreed(false);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> AcmeSettings.of("api.example", bundle))
			.satisfies((ex) -> assertThat(ex.getName())
				.isEqualTo("hotcert.acme.bundle[api.example].terms-of-service-agreed"))
			.withMessageContaining("hotcert.acme.bundle[api.example].terms-of-service-agreed=true");
	}

	@Test
	void refusesWhatCannotWorkNamingTheProperty() {
		assertRefused((bundle) -> bundle.setDirectoryUrl(null), "directory-url", "letsencrypt-staging");
		assertRefused((bundle) -> bundle.setDirectoryUrl("http://ca.example/dir"), "directory-url", "https URL");
		assertRefused((bundle) -> bundle.setDomains(List.of()), "domains", "Set the domains");
		assertRefused((bundle) -> bundle.setDomains(List.of("192.168.1.1:80")), "domains", "Not a domain name");
		assertRefused((bundle) -> bundle.setDomains(List.of("*.example.org")), "domains", "dns-01");
		assertRefused((bundle) -> bundle.setStorage(" "), "storage", "survives restarts");
		assertRefused((bundle) -> bundle.setRenewalRatio(1), "renewal-ratio", "between 0 and 1");
		assertRefused((bundle) -> bundle.setRetryMaxInterval(Duration.ofSeconds(1)), "retry-max-interval",
				"retry-initial-interval");
		assertRefused((bundle) -> bundle.getExternalAccountBinding().setKeyId("kid-1"),
				"external-account-binding.hmac-key", "both key-id and hmac-key");
	}

	@Test
	void wildcardDomainsWithDns01() {
		AcmeProperties.Bundle bundle = bundle();
		bundle.setChallengeType(ChallengeType.DNS_01);
		bundle.setDomains(List.of("*.Example.org", "example.org", "EXAMPLE.org"));
		assertThat(AcmeSettings.of("web", bundle).domains()).containsExactly("*.example.org", "example.org");
	}

	@Test
	void externalAccountBindingNeverShowsItsKey() {
		AcmeProperties.Bundle bundle = bundle();
		bundle.getExternalAccountBinding().setKeyId("kid-1");
		bundle.getExternalAccountBinding().setHmacKey("c2VjcmV0LW1hYy1rZXk");
		AcmeBundleSettings settings = AcmeSettings.of("web", bundle);
		assertThat(settings.externalAccountBinding().hmacKey()).isEqualTo("c2VjcmV0LW1hYy1rZXk");
		assertThat(settings.toString()).doesNotContain("c2VjcmV0LW1hYy1rZXk").contains("kid-1");
	}

	@Test
	void bundleNamesMustNameADirectory() {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> AcmeSettings.of("../web", bundle()))
			.withMessageContaining("names a directory");
	}

	private void assertRefused(java.util.function.Consumer<AcmeProperties.Bundle> change, String property,
			String reason) {
		AcmeProperties.Bundle bundle = bundle();
		change.accept(bundle);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> AcmeSettings.of("web", bundle))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo("hotcert.acme.bundle.web." + property))
			.withMessageContaining(reason);
	}

	private AcmeProperties.Bundle bundle() {
		AcmeProperties.Bundle bundle = new AcmeProperties.Bundle();
		bundle.setDirectoryUrl("letsencrypt-staging");
		bundle.setDomains(List.of("example.org", " www.example.org "));
		bundle.setTermsOfServiceAgreed(true);
		bundle.setStorage(this.storage.toString());
		return bundle;
	}

}
