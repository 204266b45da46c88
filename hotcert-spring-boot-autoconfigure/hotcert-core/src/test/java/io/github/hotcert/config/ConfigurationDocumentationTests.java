package io.github.hotcert.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the configuration documentation in step with the configuration metadata.
 */
class ConfigurationDocumentationTests {

	@Test
	void everyPropertyHasADescriptionAndIsDocumented() throws IOException {
		List<JsonNode> properties = properties();
		assertThat(properties).isNotEmpty();
		String documentation = Files
			.readString(Path.of(System.getProperty("basedir", "."), "..", "..", "docs", "configuration.md"));
		for (JsonNode property : properties) {
			String name = property.get("name").asText();
			assertThat(property.path("description").asText()).as("description of %s", name).isNotBlank();
			assertThat(documentation).as("docs/configuration.md documents %s", name).contains("`" + name + "`");
		}
	}

	private static List<JsonNode> properties() throws IOException {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			JsonNode metadata = new ObjectMapper().readTree(in);
			List<JsonNode> properties = new ArrayList<>();
			metadata.get("properties").forEach((property) -> {
				if (property.get("name").asText().startsWith("hotcert.")) {
					properties.add(property);
				}
			});
			return properties;
		}
	}

}
