package io.github.hotcert.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.hotcert.validation.Check;
import io.github.hotcert.validation.Severity;
import io.github.hotcert.validation.ValidationPolicy;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the value hints of the configuration metadata (what an IDE offers) in step with
 * the enum types of the properties: every enum property, and every map with enum keys or
 * values, has hints, and every hint binds to its enum.
 */
class ConfigurationMetadataHintsTests {

	private static final Pattern MAP = Pattern.compile("java\\.util\\.Map<([^,]+),(.+)>");

	/**
	 * Constants that are no configuration value: {@code apply} is the publication itself,
	 * not a check that can be switched.
	 */
	private static final Set<Enum<?>> NOT_CONFIGURABLE = Set.of(Check.APPLY);

	@Test
	void everyEnumPropertyHasHintsForEveryValueAndEveryHintBinds() throws IOException {
		JsonNode metadata = metadata();
		Map<String, List<String>> hints = hints(metadata);
		List<String> checked = new ArrayList<>();
		for (JsonNode property : metadata.path("properties")) {
			String name = property.path("name").asText();
			String type = property.path("type").asText();
			Matcher map = MAP.matcher(type);
			if (map.matches()) {
				checkEnum(name + ".keys", map.group(1), hints, checked);
				checkEnum(name + ".values", map.group(2), hints, checked);
			}
			else {
				checkEnum(name, type, hints, checked);
			}
		}
		assertThat(checked).contains("hotcert.watch.mode", "hotcert.validation.checks.keys",
				"hotcert.validation.checks.values", "hotcert.validation.checks.path",
				"management.endpoint.certificates.access");
	}

	@Test
	void everyCheckThatCanBeConfiguredHasAPropertyWithItsDefaultSeverity() throws IOException {
		Map<String, String> defaults = new LinkedHashMap<>();
		for (JsonNode property : metadata().path("properties")) {
			defaults.put(property.path("name").asText(), property.path("defaultValue").asText(null));
		}
		Map<Check, Severity> severities = ValidationPolicy.defaultSeverities();
		for (Check check : Check.values()) {
			String name = "hotcert.validation.checks." + check.id();
			if (NOT_CONFIGURABLE.contains(check)) {
				assertThat(defaults).as("metadata of %s", name).doesNotContainKey(name);
			}
			else {
				assertThat(defaults).as("default of %s", name)
					.containsEntry(name, severities.get(check).name().toLowerCase(Locale.ROOT));
			}
		}
	}

	@Test
	void everyDefaultOfAnEnumPropertyIsOneOfItsHints() throws IOException {
		JsonNode metadata = metadata();
		Map<String, List<String>> hints = hints(metadata);
		List<String> checked = new ArrayList<>();
		for (JsonNode property : metadata.path("properties")) {
			String name = property.path("name").asText();
			Class<?> type = type(property.path("type").asText());
			// Spring Boot writes the default access of an endpoint itself, as the
			// constant's name (read_only), and the additional metadata cannot change it
			if (name.startsWith("hotcert.") && type != null && type.isEnum() && property.has("defaultValue")) {
				assertThat(hints.get(name)).as("hints of %s", name).contains(property.path("defaultValue").asText());
				checked.add(name);
			}
		}
		assertThat(checked).contains("hotcert.watch.mode", "hotcert.validation.checks.parse");
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void checkEnum(String hintName, String typeName, Map<String, List<String>> hints,
			List<String> checked) {
		Class<?> type = type(typeName);
		if (type == null || !type.isEnum()) {
			return;
		}
		assertThat(hints).as("value hints of %s", hintName).containsKey(hintName);
		Set<Enum<?>> bound = new HashSet<>();
		for (String value : hints.get(hintName)) {
			Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("value", value)));
			Object constant = binder.bind("value", (Class) type).orElse(null);
			assertThat(constant).as("'%s' of %s binds to %s", value, hintName, type.getSimpleName()).isNotNull();
			bound.add((Enum<?>) constant);
		}
		Set<Enum<?>> expected = new HashSet<>(EnumSet.allOf((Class) type));
		expected.removeAll(NOT_CONFIGURABLE);
		assertThat(bound).as("values of %s", hintName).containsExactlyInAnyOrderElementsOf(expected);
		checked.add(hintName);
	}

	private static Map<String, List<String>> hints(JsonNode metadata) {
		Map<String, List<String>> hints = new LinkedHashMap<>();
		metadata.path("hints").forEach((hint) -> {
			List<String> values = new ArrayList<>();
			hint.path("values").forEach((value) -> values.add(value.path("value").asText()));
			hints.put(hint.path("name").asText(), values);
		});
		return hints;
	}

	private static Class<?> type(String name) {
		try {
			return Class.forName(name.trim());
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
	}

	private static JsonNode metadata() throws IOException {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			return new ObjectMapper().readTree(in);
		}
	}

}
