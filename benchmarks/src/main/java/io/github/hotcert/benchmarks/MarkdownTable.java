package io.github.hotcert.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * A GitHub-flavoured Markdown table.
 */
final class MarkdownTable {

	private final List<String> headings;

	private final List<List<String>> rows = new ArrayList<>();

	MarkdownTable(String... headings) {
		this.headings = List.of(headings);
	}

	MarkdownTable row(String... cells) {
		if (cells.length != this.headings.size()) {
			throw new IllegalArgumentException(
					"Expected " + this.headings.size() + " cells but got " + cells.length + ": " + List.of(cells));
		}
		this.rows.add(List.of(cells));
		return this;
	}

	String render() {
		StringBuilder markdown = new StringBuilder();
		line(markdown, this.headings);
		markdown.append("|---".repeat(this.headings.size())).append("|\n");
		for (List<String> row : this.rows) {
			line(markdown, row);
		}
		return markdown.toString();
	}

	private static void line(StringBuilder markdown, List<String> cells) {
		markdown.append('|');
		for (String cell : cells) {
			markdown.append(' ').append(escape(cell)).append(" |");
		}
		markdown.append('\n');
	}

	/**
	 * Make text safe for one table cell: a pipe would end the cell and a line break the
	 * row.
	 * @param text the text of a cell
	 * @return the text escaped
	 */
	static String escape(String text) {
		return text.replace("|", "\\|").replaceAll("\\R", "<br>");
	}

}
