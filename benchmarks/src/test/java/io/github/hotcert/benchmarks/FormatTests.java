package io.github.hotcert.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatTests {

	@Test
	void secondsKeepMillisecondsBelowTenSeconds() {
		assertThat(Format.seconds(0.3456)).isEqualTo("0.346 s");
		assertThat(Format.seconds(10.0649)).isEqualTo("10.06 s");
	}

	@Test
	void millisKeepATenthBelowAHundred() {
		assertThat(Format.millis(36.14)).isEqualTo("36.1 ms");
		assertThat(Format.millis(148.4)).isEqualTo("148 ms");
	}

	@Test
	void countsAndRatesSeparateThousandsWithSpaces() {
		assertThat(Format.count(1234567)).isEqualTo("1 234 567");
		assertThat(Format.count(0)).isEqualTo("0");
		assertThat(Format.rate(1234.4)).isEqualTo("1 234/s");
	}

	@Test
	void megabytesAreMillionsOfBytes() {
		assertThat(Format.megabytes(28_150_000)).isEqualTo("28.15 MB");
		assertThat(Format.signedMegabytes(270_000)).isEqualTo("+0.27 MB");
		assertThat(Format.signedMegabytes(-1_000_000)).isEqualTo("-1.00 MB");
	}

	@Test
	void ratiosHaveThreeDecimals() {
		assertThat(Format.ratio(0.98449)).isEqualTo("0.984");
	}

	@Test
	void pluralAddsAnSExceptForOne() {
		assertThat(Format.plural(1, "trial")).isEqualTo("1 trial");
		assertThat(Format.plural(3, "trial")).isEqualTo("3 trials");
	}

}
