package io.github.hotcert.benchmarks;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTests {

	private static final RunDescription RUN = new RunDescription("AMD EPYC", 2, "23.5 GiB", "Debian GNU/Linux 12",
			"OpenJDK 17", ZonedDateTime.of(2026, 11, 21, 7, 30, 0, 0, ZoneOffset.UTC), "benchmarks/run",
			Duration.ofSeconds(31 * 60 + 5), "item 1: 9 min 00 s", "0.50 0.40 0.30 → 1.00 0.90 0.80");

	@Test
	void ordersRowsByItemAndShowsTargetsAndStatus() {
		Report report = new Report();
		report.add(new Row(3, "Handshake rate ratio", "Tomcat", "0.990", "≥ 0.98", Row.Status.MET));
		report.add(Row.of(1, "Rotation", "Spring Boot", "p50 10.05 s"));
		report.add(new Row(1, "Rotation", "hotcert, Tomcat", "p95 0.61 s", "p95 < 0.5 s", Row.Status.MISSED));
		assertThat(report.table()).isEqualTo("""
				| # | Measurement | Variant | Result | Target |  |
				|---|---|---|---|---|---|
				| 1 | Rotation | Spring Boot | p50 10.05 s |  |  |
				| 1 | Rotation | hotcert, Tomcat | p95 0.61 s | p95 < 0.5 s | **missed** |
				| 3 | Handshake rate ratio | Tomcat | 0.990 | ≥ 0.98 | met |
				""");
	}

	@Test
	void listsMissedTargetsWithTheMeasuredNumber() {
		Report report = new Report();
		report.add(new Row(5, "Heap growth", "hotcert, Tomcat", "+6.10 MB", "growth < 5 MB", Row.Status.MISSED));
		report.add(new Row(3, "Ratio", "Tomcat", "0.990", "≥ 0.98", Row.Status.MET));
		assertThat(report.missed())
			.containsExactly("(5) Heap growth, hotcert, Tomcat: +6.10 MB (target growth < 5 MB)");
		String markdown = report.toMarkdown(RUN, "## How it is measured\n\nLike this.\n");
		assertThat(markdown).contains("Targets missed or not measured:\n\n- (5) Heap growth")
			.doesNotContain("Every target was met");
	}

	@Test
	void aFailedMeasurementIsListedAsNotMeasured() {
		Report report = new Report();
		report.add(Row.failed(4, "Reload latency", "hotcert, Undertow",
				new java.io.IOException("did not start. Its last lines:\nline one")));
		assertThat(report.table()).contains("| not measured: java.io.IOException: did not start. Its last lines: |")
			.contains("**error**");
		assertThat(report.missed()).hasSize(1);
	}

	@Test
	void documentHasTheMachineTheTableTheNotesAndTheMethod() {
		Report report = new Report();
		report.add(new Row(2, "Failed requests", "hotcert, Tomcat", "0 failed", "0 failures", Row.Status.MET));
		report.note("Spring Boot's quiet period was shortened.");
		String markdown = report.toMarkdown(RUN, "## How it is measured\n\nLike this.\n");
		assertThat(markdown).startsWith("# Benchmarks\n")
			.contains("| CPU | AMD EPYC |")
			.contains("| Date | 2026-11-21 07:30 UTC |")
			.contains("| Command | `benchmarks/run` |")
			.contains("| Duration of the run | 31 min 05 s (item 1: 9 min 00 s) |")
			.contains("| 2 | Failed requests | hotcert, Tomcat | 0 failed | 0 failures | met |")
			.contains("Every target was met.")
			.contains("## Notes\n\n- Spring Boot's quiet period was shortened.\n")
			.endsWith("## How it is measured\n\nLike this.\n");
	}

}
