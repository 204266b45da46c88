package io.github.hotcert.config;

import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.Check;
import io.github.hotcert.validation.Severity;
import io.github.hotcert.validation.ValidationPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HotcertConfiguration}.
 */
class HotcertConfigurationTests {

	private final HotcertConfiguration configuration = new HotcertConfiguration();

	@Test
	void validatesWithTheDefaultSeveritiesAndTheDefaultsOfTheProperties() {
		ValidationPolicy policy = this.configuration.hotcertValidationPolicy(new HotcertProperties());
		assertThat(policy.getSettings("web")).isEqualTo(TestValidation.SETTINGS);
		for (Check check : Check.values()) {
			assertThat(policy.getSeverity("web", check)).isEqualTo(ValidationPolicy.defaultSeverities().get(check));
		}
		assertThat(policy.getSeverity("web", Check.KEY_STRENGTH)).isEqualTo(Severity.WARN);
	}

}
