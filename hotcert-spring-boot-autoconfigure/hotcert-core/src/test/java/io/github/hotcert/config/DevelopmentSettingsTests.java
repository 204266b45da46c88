package io.github.hotcert.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DevelopmentSettings}.
 */
class DevelopmentSettingsTests {

	@Test
	void generatesNothingUnlessAskedTo() {
		DevelopmentSettings settings = DevelopmentSettings.of(new MockEnvironment());
		assertThat(settings.generateMissingCertificates()).isFalse();
		assertThat(settings.certificateValidity()).isEqualTo(Duration.ofDays(90))
			.isEqualTo(new HotcertProperties().getDevelopment().getCertificateValidity());
	}

	@Test
	void generatesWhenAskedToWithTheConfiguredValidity() {
		DevelopmentSettings settings = DevelopmentSettings
			.of(new MockEnvironment().withProperty("hotcert.development.generate-missing-certificates", "true")
				.withProperty("hotcert.development.certificate-validity", "10d"));
		assertThat(settings.generateMissingCertificates()).isTrue();
		assertThat(settings.certificateValidity()).isEqualTo(Duration.ofDays(10));
	}

	@Test
	void generatesNothingWhenHotcertIsDisabled() {
		DevelopmentSettings settings = DevelopmentSettings
			.of(new MockEnvironment().withProperty("hotcert.development.generate-missing-certificates", "true")
				.withProperty("hotcert.enabled", "false"));
		assertThat(settings.generateMissingCertificates()).isFalse();
	}

}
