package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Item 6: the time from starting the process to the first answer over HTTPS, with and
 * without hotcert, measured in turns (ABBA order).
 */
final class Startup {

	static final int ITEM = 6;

	private static final String MEASUREMENT = "Startup: from `java -jar` to the first HTTPS answer of `GET /`";

	private final Workbench bench;

	private final int pairs;

	Startup(Workbench bench, int pairs) {
		this.bench = bench;
		this.pairs = pairs;
	}

	/**
	 * The largest ratio of hotcert's startup time to the same application's without it.
	 */
	static final double TARGET_RATIO = 1.02;

	void run(Variant measured, Variant baseline, String server) {
		this.bench.progress("[6] %s against %s: %d pairs", measured.name(), baseline.name(), this.pairs);
		try {
			List<Double> with = new ArrayList<>();
			List<Double> without = new ArrayList<>();
			List<Double> ratios = new ArrayList<>();
			List<Double> differences = new ArrayList<>();
			this.bench.progress("    warm-up starts, not counted: %s, %s", Format.seconds(start(measured)),
					Format.seconds(start(baseline)));
			for (int pair = 0; pair < this.pairs; pair++) {
				double first;
				double second;
				if (pair % 2 == 0) {
					first = start(measured);
					second = start(baseline);
				}
				else {
					second = start(baseline);
					first = start(measured);
				}
				with.add(first);
				without.add(second);
				ratios.add(first / second);
				differences.add(first - second);
				this.bench.progress("    pair %d: %s, %s", pair + 1, Format.seconds(first), Format.seconds(second));
			}
			String suffix = " (median of " + Format.plural(this.pairs, "start") + " after one not counted; each: %s)";
			this.bench.report()
				.add(Row.of(ITEM, MEASUREMENT, measured.name(), Format.seconds(Statistics.median(with))
						+ suffix.formatted(with.stream().map(Format::seconds).collect(Collectors.joining(", ")))));
			this.bench.report()
				.add(Row.of(ITEM, MEASUREMENT, baseline.name(), Format.seconds(Statistics.median(without))
						+ suffix.formatted(without.stream().map(Format::seconds).collect(Collectors.joining(", ")))));
			double ratio = Statistics.median(ratios);
			Statistics.Interval interval = Statistics.medianInterval(ratios);
			this.bench.report()
				.add(new Row(ITEM, "Startup time ratio, hotcert / no hotcert", server,
						Format.ratio(ratio) + ", "
								+ String.format(Locale.ROOT, "%+.3f s", Statistics.median(differences))
								+ " (medians of the ratios and differences of " + Format.plural(this.pairs, "pair")
								+ " of starts in ABBA order; 95 % bootstrap interval of the median ratio "
								+ Format.ratio(interval.low()) + " to " + Format.ratio(interval.high()) + ")",
						"≤ " + TARGET_RATIO, Row.Status.of(ratio <= TARGET_RATIO)));
		}
		catch (Exception ex) {
			this.bench.failed(ITEM, MEASUREMENT, measured.name(), ex);
		}
	}

	private double start(Variant variant) throws IOException {
		try (Deployment deployment = this.bench.deploy(variant)) {
			return firstAnswer(deployment);
		}
	}

	/**
	 * Send {@code GET /} over HTTPS to a deployment that has just started.
	 * @param deployment the deployment
	 * @return the time from starting the process to the answer, in seconds
	 * @throws IOException if the request fails or is not answered with 200
	 */
	static double firstAnswer(Deployment deployment) throws IOException {
		try (HttpsConnection connection = new HttpsConnection(deployment.client().connect(deployment.httpsPort()))) {
			int status = connection.get(true);
			if (status != 200) {
				throw new IOException(deployment.app().variant().name() + " answered " + status);
			}
		}
		return (System.nanoTime() - deployment.app().startedNanos()) / 1e9;
	}

}
