package io.github.hotcert.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The results of one run: a table of measurements and notes, written as Markdown.
 */
final class Report {

	private final List<Row> rows = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	synchronized void add(Row row) {
		this.rows.add(row);
	}

	synchronized void note(String note) {
		this.notes.add(note);
	}

	synchronized List<Row> rows() {
		return List.copyOf(this.rows);
	}

	/**
	 * The table of results, ordered by item and then as added.
	 * @return the Markdown table
	 */
	synchronized String table() {
		MarkdownTable table = new MarkdownTable("#", "Measurement", "Variant", "Result", "Target", "");
		this.rows.stream()
			.sorted((left, right) -> Integer.compare(left.item(), right.item()))
			.forEach((row) -> table.row(String.valueOf(row.item()), row.measurement(), row.variant(), row.result(),
					row.target(), row.status().text()));
		return table.render();
	}

	/**
	 * The targets that were missed or could not be measured, one line each.
	 * @return the lines, empty when every target was met
	 */
	synchronized List<String> missed() {
		return this.rows.stream()
			.filter((row) -> row.status() == Row.Status.MISSED || row.status() == Row.Status.ERROR)
			.map((row) -> "(" + row.item() + ") " + row.measurement() + ", " + row.variant() + ": " + row.result()
					+ ((row.target().isEmpty()) ? "" : " (target " + row.target() + ")"))
			.toList();
	}

	/**
	 * The whole document: the run's header, the table, the notes and how each number is
	 * measured.
	 * @param run the machine and the run
	 * @param method how the benchmark measures, in Markdown
	 * @return the Markdown document
	 */
	synchronized String toMarkdown(RunDescription run, String method) {
		StringBuilder markdown = new StringBuilder();
		markdown.append("# Benchmarks\n\n");
		markdown.append("<!-- Written by benchmarks/run: re-run it rather than editing this file. -->\n\n");
		markdown.append("The packaged sample application (`sample-app`) measured as real processes on one machine, ")
			.append("in one run. Every process is started with `java -jar` on free loopback ports, with ")
			.append("certificates the benchmark generates. Targets are checked as measured: a missed target is ")
			.append("reported as missed.\n\n");
		markdown.append("## Machine and run\n\n");
		markdown.append(run.table());
		markdown.append("\n## Results\n\n");
		markdown.append(table());
		List<String> missed = missed();
		markdown.append("\n")
			.append(missed.isEmpty() ? "Every target was met.\n"
					: "Targets missed or not measured:\n\n" + bullets(missed));
		if (!this.notes.isEmpty()) {
			markdown.append("\n## Notes\n\n").append(bullets(this.notes));
		}
		markdown.append("\n").append(method.strip()).append("\n");
		return markdown.toString();
	}

	private static String bullets(List<String> lines) {
		StringBuilder markdown = new StringBuilder();
		for (String line : lines) {
			markdown.append("- ").append(line).append('\n');
		}
		return markdown.toString();
	}

}
