package io.github.hotcert.acme;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AcmeBundleSettings}.
 */
class AcmeBundleSettingsTests {

	@Test
	void caNameIsTheHostAndPortOfTheDirectory() {
		assertThat(settings("https://ca.example:14000/dir").caName()).isEqualTo("ca.example:14000");
		assertThat(settings("https://ca.example/dir").caName()).isEqualTo("ca.example");
	}

	@Test
	void credentialsAndTokensInTheDirectoryUrlAreNeverShown() {
		AcmeBundleSettings settings = settings("https://user:s3cret@ca.example:8443/acme/directory?token=t0ken");
		assertThat(settings.caName()).isEqualTo("ca.example:8443");
		assertThat(settings.displayDirectory()).isEqualTo("https://ca.example:8443/acme/directory");
	}

	@Test
	void aDirectoryUrlWithoutCredentialsIsShownAsWritten() {
		assertThat(settings("https://ca.example/directory").displayDirectory())
			.isEqualTo("https://ca.example/directory");
	}

	private static AcmeBundleSettings settings(String directory) {
		AcmeBundleSettings defaults = TestAcmeBundles.settings("web", Path.of("storage"));
		return new AcmeBundleSettings(defaults.name(), URI.create(directory), List.of("web.example"), null,
				defaults.storage(), defaults.challengeType(), null, 80, null, null, defaults.keyType(), null, null,
				1.0 / 3, false, Duration.ofMinutes(5), defaults.retry(), Duration.ofMinutes(2));
	}

}
