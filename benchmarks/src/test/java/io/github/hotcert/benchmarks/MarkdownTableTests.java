package io.github.hotcert.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MarkdownTableTests {

	@Test
	void rendersHeadingsSeparatorAndRows() {
		String table = new MarkdownTable("#", "Result").row("1", "0.3 s").row("2", "0 failures").render();
		assertThat(table).isEqualTo("""
				| # | Result |
				|---|---|
				| 1 | 0.3 s |
				| 2 | 0 failures |
				""");
	}

	@Test
	void escapesPipesAndLineBreaksInCells() {
		String table = new MarkdownTable("Result").row("a | b\nc").render();
		assertThat(table).endsWith("| a \\| b<br>c |\n");
	}

	@Test
	void refusesARowWithTheWrongNumberOfCells() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MarkdownTable("a", "b").row("only one"));
	}

}
