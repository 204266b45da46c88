package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark writes {@code method.md} at the end of the page it writes: the page in
 * {@code docs} must end with the same text, so that the next run does not undo an edit
 * made to one of them only.
 */
class MethodDocumentationTests {

	@Test
	void benchmarkPageEndsWithTheMethodTheBenchmarkWrites() throws IOException {
		String page = Files.readString(Path.of("../docs/benchmarks.md"));
		String method;
		try (InputStream stream = Benchmarks.class.getResourceAsStream("method.md")) {
			method = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(method).startsWith("## Running it");
		assertThat(page.substring(page.indexOf("## Running it"))).isEqualTo(method);
	}

}
