package io.github.hotcert.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.hotcert.benchmarks.HandshakeThroughput.Side;
import io.github.hotcert.benchmarks.HandshakeThroughput.Turn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Item 3's report. The measurement itself starts the packaged sample application, which
 * only the benchmark's own run does.
 */
class HandshakeThroughputTests {

	private static final Variant HOTCERT = Variant.hotcert("Tomcat", Path.of("sample.jar"));

	private static final Variant STATIC = Variant.staticSsl("Tomcat", Path.of("sample.jar"));

	@Test
	void ratioIsTheMedianOfAllTurnsNotOfEachPairOfProcesses(@TempDir Path directory) {
		Report report = new Report();
		List<List<Turn>> pairs = List.of(
				List.of(turn(90, 3.3, 100, 3.0), turn(96, 3.0, 100, 3.0), turn(98, 3.6, 100, 3.0)),
				List.of(turn(120, 3.25, 120, 2.5), turn(132, 3.0, 120, 3.0), turn(144, 3.0, 120, 2.0)));
		bench(directory, report).report(HOTCERT, STATIC, pairs);
		assertThat(report.rows()).extracting(Row::variant)
			.containsExactly(HOTCERT.name(), STATIC.name(), "Tomcat, Spring Boot 4.1.2");
		assertThat(report.rows().get(0).measurement()).contains("4 client threads each")
			.contains("both applications at once")
			.contains("median of 6 turns of 8 s in 2 pairs of processes");
		assertThat(report.rows().get(0).result()).startsWith("109/s, ");
		assertThat(report.rows().get(1).result()).startsWith("110/s, ");
		// The median of the turns' ratios, not 1.030 (the median of each pair's median)
		// nor 0.991 (the ratio of the median rates); the median of the turns' CPU ratios,
		// not 1.200 (the median of each pair's median) nor 1.042 (the ratio of the median
		// CPU times); an interval that resamples whole pairs, not 0.930 to 1.150 (the
		// turns alone)
		Row ratio = report.rows().get(2);
		assertThat(ratio.result()).startsWith("0.990 (median of the ratios of 6 turns")
			.contains("resampling the pairs of processes and then their turns, 0.900 to 1.200")
			.contains("median of each pair of processes: 0.960, 1.100")
			.contains("server CPU per handshake, hotcert / static: 1.150");
		assertThat(ratio.status()).isEqualTo(Row.Status.MET);
	}

	@Test
	void ratioUnderTheTargetIsMissed(@TempDir Path directory) {
		Report report = new Report();
		bench(directory, report).report(HOTCERT, STATIC, List.of(List.of(turn(97, 100), turn(98, 100), turn(96, 100))));
		assertThat(report.rows().get(2).result()).startsWith("0.970 ");
		assertThat(report.rows().get(2).status()).isEqualTo(Row.Status.MISSED);
	}

	@Test
	void turnComparesRatesAndServerCpu() {
		Turn turn = new Turn(new Side(90, 3.3), new Side(100, 3.0));
		assertThat(turn.ratio()).isEqualTo(0.9);
		assertThat(turn.cpuRatio()).isCloseTo(1.1, within(1e-9));
	}

	private static Turn turn(double hotcertRate, double staticRate) {
		return turn(hotcertRate, 3.0, staticRate, 3.0);
	}

	private static Turn turn(double hotcertRate, double hotcertCpu, double staticRate, double staticCpu) {
		return new Turn(new Side(hotcertRate, hotcertCpu), new Side(staticRate, staticCpu));
	}

	private static HandshakeThroughput bench(Path directory, Report report) {
		Workbench bench = new Workbench(directory, report,
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
		return new HandshakeThroughput(bench, 4, Duration.ofSeconds(8), 2, 3);
	}

}
