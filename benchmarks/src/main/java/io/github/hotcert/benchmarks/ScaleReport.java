package io.github.hotcert.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.hotcert.benchmarks.Scale.Measured;

/**
 * The rows of the report that one server measured with many bundles gives.
 */
final class ScaleReport {

	private final Report report;

	private final int item;

	private final double targetRatio;

	ScaleReport(Report report, int item, double targetRatio) {
		this.report = report;
		this.item = item;
		this.targetRatio = targetRatio;
	}

	void add(String server, String kind, Map<Integer, Measured> measured) {
		List<Integer> sizes = new ArrayList<>(measured.keySet());
		int smallest = sizes.get(0);
		int largest = sizes.get(sizes.size() - 1);
		double worst = 0;
		for (Measured each : measured.values()) {
			worst = Math.max(worst, each.p50() / measured.get(smallest).p50());
		}
		int rotations = measured.get(smallest).seconds().size();
		String variant = server + ", " + kind;
		this.report.add(new Row(this.item,
				"Rotating one bundle among 1 to " + Format.count(largest) + " (" + kind
						+ "), p50 / p95 by number of bundles",
				variant,
				Measured.series(measured, (each) -> Format.seconds(each.p50()) + " / " + Format.seconds(each.p95()))
						+ " (" + rotations + " rotations each); the slowest p50 is "
						+ String.format(Locale.ROOT, "%.2f×", worst) + " the one with " + smallest,
				String.format(Locale.ROOT, "≤ %.1f× the figure with %d", this.targetRatio, smallest),
				Row.Status.of(worst <= this.targetRatio)));
		boolean noneMissed = measured.values().stream().allMatch((each) -> each.storm().missed() == 0);
		this.report.add(new Row(this.item, "Every bundle rotated at once: time until all serve the new certificate",
				variant, Measured.series(measured, ScaleReport::storm), "none missed", Row.Status.of(noneMissed)));
		this.report.add(Row.of(this.item, "Startup with N bundles: first HTTPS answer / startup validation done",
				variant, Measured.series(measured,
						(each) -> Format.seconds(each.firstAnswer()) + " / " + Format.seconds(each.validated()))));
		double perBundle = (measured.get(largest).heapBytes() - measured.get(smallest).heapBytes())
				/ Math.max(1, largest - smallest);
		this.report.add(Row.of(this.item, "Heap in use after a full GC, by number of bundles", variant,
				Measured.series(measured, (each) -> Format.megabytes(each.heapBytes()))
						+ String.format(Locale.ROOT, "; %.1f KB per bundle", perBundle / 1000)));
		measured.forEach((size, each) -> {
			if (!Double.isNaN(each.idleMillisPerPoll())) {
				this.report.add(Row.of(this.item,
						"Idle watcher: CPU time of its threads per poll interval (10 s), with " + Format.count(size)
								+ " bundles",
						variant, String.format(Locale.ROOT, "%.1f ms per 10 s (%.3f %% of one core)",
								each.idleMillisPerPoll(), each.idleMillisPerPoll() / 100)));
			}
		});
	}

	private static String storm(Measured each) {
		Scale.Storm storm = each.storm();
		if (storm.missed() > 0) {
			return storm.missed() + " of " + Format.count(storm.bundles()) + " not served";
		}
		return "all " + Format.count(storm.bundles()) + " in " + Format.seconds(storm.seconds());
	}

}
