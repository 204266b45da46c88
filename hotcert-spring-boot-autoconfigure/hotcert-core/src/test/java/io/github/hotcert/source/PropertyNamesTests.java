package io.github.hotcert.source;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PropertyNames}.
 */
class PropertyNamesTests {

	@ParameterizedTest
	@CsvSource({ "web, spring.ssl.bundle.pem.web", "api-v2, spring.ssl.bundle.pem.api-v2",
			"myBundle, spring.ssl.bundle.pem.myBundle", "api.v2, spring.ssl.bundle.pem[api.v2]",
			"my_bundle, spring.ssl.bundle.pem[my_bundle]", "-web, spring.ssl.bundle.pem[-web]",
			"café, spring.ssl.bundle.pem[café]", "'', spring.ssl.bundle.pem[]" })
	void namesAnEntryAsItIsWritten(String key, String name) {
		assertThat(PropertyNames.entry("spring.ssl.bundle.pem", key)).isEqualTo(name);
	}

}
