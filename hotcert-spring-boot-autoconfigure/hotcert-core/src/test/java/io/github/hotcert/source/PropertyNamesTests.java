package io.github.hotcert.source;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PropertyNames}.
 */
class PropertyNamesTests {

	@ParameterizedTest
	@CsvSource({ "web, spring.ssl.bundle.pem.web", "api-v2, spring.ssl.bundle.pem.api-v2",
			"myBundle, spring.ssl.bundle.pem.myBundle", "my_bundle, spring.ssl.bundle.pem.my_bundle",
			"123, spring.ssl.bundle.pem.123", "api.v2, spring.ssl.bundle.pem[api.v2]",
			"-web, spring.ssl.bundle.pem[-web]", "café, spring.ssl.bundle.pem[café]", "_, spring.ssl.bundle.pem[_]",
			"'', spring.ssl.bundle.pem[]" })
	void namesAnEntryAsItIsWritten(String key, String name) {
		assertThat(PropertyNames.entry("spring.ssl.bundle.pem", key)).isEqualTo(name);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "web", "api-v2", "myBundle", "my_bundle", "_web", "123", "api.v2", "-web", "café", "api v2" })
	void namesAnEntryThatSpringBootBindsToTheKey(String key) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test",
					Map.of(PropertyNames.entry("test.bundles", key) + ".location", "file:/etc/tls/tls.crt")));
		ConfigurationPropertySources.attach(environment);
		Map<String, Entry> bound = Binder.get(environment)
			.bind("test.bundles", Bindable.mapOf(String.class, Entry.class))
			.get();
		assertThat(bound).containsOnlyKeys(key);
		assertThat(bound.get(key).getLocation()).isEqualTo("file:/etc/tls/tls.crt");
	}

	public static class Entry {

		private String location;

		public String getLocation() {
			return this.location;
		}

		public void setLocation(String location) {
			this.location = location;
		}

	}

}
