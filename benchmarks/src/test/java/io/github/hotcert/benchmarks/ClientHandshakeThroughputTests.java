package io.github.hotcert.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs item 10 with short settings: it measures both clients and reports their rates and
 * the ratio. The numbers of such a short run mean nothing; only the benchmark's own run
 * compares them with the target.
 */
class ClientHandshakeThroughputTests {

	@Test
	void measuresBothClientsAndReportsTheirRatio(@TempDir Path directory) {
		Report report = new Report();
		ByteArrayOutputStream progress = new ByteArrayOutputStream();
		Workbench bench = new Workbench(directory, report, new PrintStream(progress, true, StandardCharsets.UTF_8));
		new ClientHandshakeThroughput(bench, 1, Duration.ofMillis(300), 1, 2).run();
		assertThat(report.rows()).extracting(Row::status)
			.as(progress.toString(StandardCharsets.UTF_8))
			.doesNotContain(Row.Status.ERROR);
		assertThat(report.rows()).extracting(Row::variant)
			.containsExactly("Client SSL context that follows reloads (hotcert)",
					"Client SSL context of the plain bundle (Spring Boot)", "in-process client and server");
		assertThat(report.rows().get(2).result()).matches("\\d+\\.\\d+ \\(median of the ratios of 2 pairs.*");
		assertThat(report.rows().get(0).result()).doesNotStartWith("0 ");
		assertThat(progress.toString(StandardCharsets.UTF_8)).contains("pair 1:").contains("pair 2:");
	}

	@Test
	void ratioIsTheMedianOfEachPairsRatioWithItsInterval(@TempDir Path directory) {
		Report report = new Report();
		Workbench bench = new Workbench(directory, report,
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
		new ClientHandshakeThroughput(bench, 2, Duration.ofSeconds(5), 3, 4).report(List.of(90.0, 200.0, 110.0, 240.0),
				List.of(100.0, 200.0, 100.0, 200.0));
		assertThat(report.rows().get(0).result()).isEqualTo("155/s");
		assertThat(report.rows().get(1).result()).isEqualTo("150/s");
		// The pairs' ratios are 0.9, 1.0, 1.1 and 1.2: their median is 1.050, not 1.033
		// (the ratio of the median rates). A sample of four drawn from them has a median
		// of 0.9 when three draws or more are 0.9, with probability 13/256 (5 %, twice
		// the 2.5 % needed), and never a lower one, so the 2.5th percentile of the
		// bootstrap's medians is 0.9; likewise 1.2 for the 97.5th.
		Row ratio = report.rows().get(2);
		assertThat(ratio.result()).isEqualTo("1.050 (median of the ratios of 4 pairs of turns in ABBA order: "
				+ "0.900, 1.000, 1.100, 1.200; 95 % bootstrap interval of the median 0.900 to 1.200)");
		assertThat(ratio.status()).isEqualTo(Row.Status.MET);
	}

}
