package io.github.hotcert.benchmarks;

import java.util.Locale;

/**
 * How measured numbers are written in the report.
 */
final class Format {

	private Format() {
	}

	static String seconds(double seconds) {
		if (seconds >= 10) {
			return String.format(Locale.ROOT, "%.2f s", seconds);
		}
		return String.format(Locale.ROOT, "%.3f s", seconds);
	}

	static String millis(double millis) {
		if (millis >= 100) {
			return String.format(Locale.ROOT, "%.0f ms", millis);
		}
		return String.format(Locale.ROOT, "%.1f ms", millis);
	}

	static String ratio(double ratio) {
		return String.format(Locale.ROOT, "%.3f", ratio);
	}

	static String count(long count) {
		return String.format(Locale.ROOT, "%,d", count).replace(',', ' ');
	}

	static String rate(double perSecond) {
		return String.format(Locale.ROOT, "%,.0f/s", perSecond).replace(',', ' ');
	}

	static String megabytes(double bytes) {
		return String.format(Locale.ROOT, "%.2f MB", bytes / 1_000_000);
	}

	static String plural(long count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

	static String signedMegabytes(double bytes) {
		return String.format(Locale.ROOT, "%+.2f MB", bytes / 1_000_000);
	}

}
