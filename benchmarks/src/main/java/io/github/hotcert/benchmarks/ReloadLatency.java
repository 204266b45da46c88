package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.hotcert.benchmarks.Management.Reload;

/**
 * Item 4: the latency of {@code POST /actuator/certificates/web} with
 * {@code {"force":true}}, from sending the request to receiving the whole answer.
 */
final class ReloadLatency {

	static final int ITEM = 4;

	private static final int WARM_UP = 20;

	private final Workbench bench;

	private final int requests;

	private final int trials;

	ReloadLatency(Workbench bench, int requests, int trials) {
		this.bench = bench;
		this.requests = requests;
		this.trials = trials;
	}

	void run(List<Variant> variants) {
		Map<Variant, List<Trial>> measured = new LinkedHashMap<>();
		variants.forEach((variant) -> measured.put(variant, new ArrayList<>()));
		for (int trial = 0; trial < this.trials; trial++) {
			List<Variant> order = new ArrayList<>(variants);
			if (trial % 2 == 1) {
				Collections.reverse(order);
			}
			for (Variant variant : order) {
				if (measured.containsKey(variant)) {
					try {
						measured.get(variant).add(trial(variant, trial + 1));
					}
					catch (Exception ex) {
						this.bench.failed(ITEM, measurement(), variant.name(), ex);
						measured.remove(variant);
					}
				}
			}
		}
		measured.forEach(this::report);
	}

	private Trial trial(Variant variant, int number) throws IOException {
		this.bench.progress("[4] %s, trial %d: %d reload requests", variant.name(), number, this.requests);
		try (Deployment deployment = this.bench.deploy(variant)) {
			Management management = deployment.management();
			for (int i = 0; i < WARM_UP; i++) {
				check(management.forceReload());
			}
			List<Double> roundTrips = new ArrayList<>();
			List<Double> server = new ArrayList<>();
			for (int i = 0; i < this.requests; i++) {
				Reload reload = check(management.forceReload());
				roundTrips.add(reload.roundTripMillis());
				server.add((double) reload.serverMillis());
			}
			Trial trial = new Trial(roundTrips, server);
			this.bench.progress("    p50 %s, p95 %s", Format.millis(Statistics.percentile(roundTrips, 50)),
					Format.millis(Statistics.percentile(roundTrips, 95)));
			return trial;
		}
	}

	static Reload check(Reload reload) throws IOException {
		if (reload.status() != 200 || !"reloaded".equals(reload.outcome())) {
			throw new IOException("A forced reload answered " + reload.status() + " with outcome " + reload.outcome());
		}
		return reload;
	}

	private String measurement() {
		return "`POST /actuator/certificates/web` `{\"force\":true}` latency, p50 / p95";
	}

	private void report(Variant variant, List<Trial> trials) {
		double p50 = Statistics.median(trials.stream().map((trial) -> trial.p50(trial.roundTrips())).toList());
		double p95 = Statistics.median(trials.stream().map((trial) -> trial.p95(trial.roundTrips())).toList());
		double serverP50 = Statistics.median(trials.stream().map((trial) -> trial.p50(trial.server())).toList());
		double serverP95 = Statistics.median(trials.stream().map((trial) -> trial.p95(trial.server())).toList());
		String perTrial = trials.stream()
			.map((trial) -> Format.millis(trial.p50(trial.roundTrips())) + " / "
					+ Format.millis(trial.p95(trial.roundTrips())))
			.collect(Collectors.joining("; "));
		this.bench.report()
			.add(Row.of(ITEM, measurement(), variant.name(),
					Format.millis(p50) + " / " + Format.millis(p95) + " (median of "
							+ Format.plural(trials.size(), "trial") + " of " + this.requests + " requests after "
							+ WARM_UP + " warm-up requests; per trial: " + perTrial
							+ "; the reload itself as the answer's `durationMillis` reports it: "
							+ Format.millis(serverP50) + " / " + Format.millis(serverP95) + ")"));
	}

	/**
	 * The requests of one process.
	 *
	 * @param roundTrips the round trip of each request, in milliseconds
	 * @param server the reload duration each answer reported, in milliseconds
	 */
	record Trial(List<Double> roundTrips, List<Double> server) {

		double p50(List<Double> values) {
			return Statistics.percentile(values, 50);
		}

		double p95(List<Double> values) {
			return Statistics.percentile(values, 95);
		}

	}

}
