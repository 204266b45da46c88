package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Item 5: the heap after a forced full garbage collection, and the number of live
 * threads, after many forced reloads against after a few, in one process. A measurement
 * in between tells growth that stops from growth that goes on.
 */
final class ReloadFootprint {

	static final int ITEM = 5;

	private static final Duration SETTLE = Duration.ofSeconds(2);

	private static final int MEASUREMENTS = 3;

	private static final double TARGET_BYTES = 5_000_000;

	private final Workbench bench;

	private final List<Integer> checkpoints;

	ReloadFootprint(Workbench bench, int baseline, int reloads) {
		this.bench = bench;
		this.checkpoints = List.of(baseline, reloads / 10, reloads);
	}

	void run(Variant variant) {
		int reloads = this.checkpoints.get(this.checkpoints.size() - 1);
		this.bench.progress("[5] %s: %d reloads", variant.name(), reloads);
		try (Deployment deployment = this.bench.deploy(variant)) {
			Management management = deployment.management();
			List<Double> roundTrips = new ArrayList<>();
			Map<Integer, Footprint> footprints = new LinkedHashMap<>();
			long start = System.nanoTime();
			for (int checkpoint : this.checkpoints) {
				reload(management, checkpoint - roundTrips.size(), roundTrips);
				long measuring = System.nanoTime();
				Footprint footprint = measure(deployment, management);
				start += System.nanoTime() - measuring;
				footprints.put(checkpoint, footprint);
				this.bench.progress("    after %d reloads: %s", checkpoint, footprint);
			}
			report(variant, footprints, roundTrips, (System.nanoTime() - start) / 60e9);
		}
		catch (Exception ex) {
			this.bench.failed(ITEM, "Heap after a forced GC", variant.name(), ex);
		}
	}

	private void reload(Management management, int count, List<Double> roundTrips) throws IOException {
		for (int i = 0; i < count; i++) {
			roundTrips.add(ReloadLatency.check(management.forceReload()).roundTripMillis());
			if ((roundTrips.size() % 1000) == 0) {
				this.bench.progress("    %d reloads", roundTrips.size());
			}
		}
	}

	private Footprint measure(Deployment deployment, Management management) throws IOException {
		Workbench.pause(SETTLE);
		List<Double> heap = new ArrayList<>();
		List<Double> metaspace = new ArrayList<>();
		for (int i = 0; i < MEASUREMENTS; i++) {
			Jcmd.Heap measured = Jcmd.collectAndMeasure(deployment.app().pid());
			heap.add((double) measured.heapBytes());
			metaspace.add((double) measured.metaspaceBytes());
		}
		double threads = management.prometheus("jvm_threads_live_threads")
			.orElseThrow(() -> new IOException("No jvm_threads_live_threads in /actuator/prometheus"));
		double classes = management.prometheus("jvm_classes_loaded_classes")
			.orElseThrow(() -> new IOException("No jvm_classes_loaded_classes in /actuator/prometheus"));
		return new Footprint(Statistics.median(heap), Statistics.median(metaspace), (int) threads, (int) classes);
	}

	private void report(Variant variant, Map<Integer, Footprint> footprints, List<Double> roundTrips, double minutes) {
		int first = this.checkpoints.get(0);
		int last = this.checkpoints.get(this.checkpoints.size() - 1);
		Footprint before = footprints.get(first);
		Footprint after = footprints.get(last);
		double growth = after.heapBytes() - before.heapBytes();
		String after1 = "after " + first + " and after " + Format.count(last) + " forced reloads";
		this.bench.report()
			.add(new Row(ITEM, "Heap in use after a forced full GC (`jcmd GC.run`), " + after1, variant.name(),
					Format.signedMegabytes(growth) + ": "
							+ series(footprints, (footprint) -> Format.megabytes(footprint.heapBytes()))
							+ " (median of " + MEASUREMENTS + " collections at each point)",
					"growth < 5 MB", Row.Status.of(growth < TARGET_BYTES)));
		this.bench.report()
			.add(Row.of(ITEM, "Metaspace in use, " + after1, variant.name(),
					Format.signedMegabytes(after.metaspaceBytes() - before.metaspaceBytes()) + ": "
							+ series(footprints, (footprint) -> Format.megabytes(footprint.metaspaceBytes()))
							+ "; loaded classes (`jvm_classes_loaded_classes`): "
							+ series(footprints, (footprint) -> Format.count(footprint.classes()))));
		this.bench.report()
			.add(Row.of(ITEM, "Live threads (`jvm_threads_live_threads`), " + after1, variant.name(),
					series(footprints, (footprint) -> String.valueOf(footprint.threads()))));
		this.bench.report()
			.note("(" + ITEM + ") The " + Format.count(last) + " reloads were `POST /actuator/certificates/web` with "
					+ "`{\"force\":true}`, one after the other, each answered `reloaded`; they took "
					+ String.format(Locale.ROOT, "%.1f", minutes) + " min (round trip p50 "
					+ Format.millis(Statistics.percentile(roundTrips, 50)) + ", p95 "
					+ Format.millis(Statistics.percentile(roundTrips, 95)) + ").");
	}

	private static String series(Map<Integer, Footprint> footprints, Function<Footprint, String> value) {
		return footprints.entrySet()
			.stream()
			.map((entry) -> value.apply(entry.getValue()) + " after " + Format.count(entry.getKey()))
			.collect(Collectors.joining(" → "));
	}

	/**
	 * Memory and threads of the process.
	 *
	 * @param heapBytes heap in use after a full collection
	 * @param metaspaceBytes metaspace in use
	 * @param threads live threads
	 * @param classes loaded classes
	 */
	record Footprint(double heapBytes, double metaspaceBytes, int threads, int classes) {

		@Override
		public String toString() {
			return "heap " + Format.megabytes(this.heapBytes) + ", metaspace " + Format.megabytes(this.metaspaceBytes)
					+ ", " + this.threads + " threads, " + this.classes + " classes";
		}

	}

}
