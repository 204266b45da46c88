package io.github.hotcert.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs item 7 with short settings: it measures both clients and reports their rates and
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

}
