package io.github.hotcert.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Item 1: the time from a Kubernetes-style swap of the certificate files to the first new
 * handshake that presents the new certificate, over repeated rotations: hotcert, and
 * Spring Boot's own reload at its default quiet period and at hotcert's.
 */
final class RotationLatency {

	static final int ITEM = 1;

	private static final String MEASUREMENT = "File change (`..data` swap) to the new certificate on a new handshake";

	private static final Duration PAUSE = Duration.ofMillis(500);

	/**
	 * The target p50 of hotcert, in seconds.
	 */
	static final double TARGET_P50 = 0.05;

	/**
	 * The target p95 of hotcert, in seconds.
	 */
	static final double TARGET_P95 = 0.1;

	static final String TARGET = "p50 < 0.05 s, p95 < 0.1 s";

	private final Workbench bench;

	RotationLatency(Workbench bench) {
		this.bench = bench;
	}

	/**
	 * Measure the subjects, each trial in a process of its own, alternating the order of
	 * the subjects from one trial to the next.
	 * @param subjects what to measure
	 * @return the median p50 of each subject that was measured, in seconds
	 */
	Map<Subject, Double> run(List<Subject> subjects) {
		Map<Subject, List<Trial>> trials = new LinkedHashMap<>();
		subjects.forEach((subject) -> trials.put(subject, new ArrayList<>()));
		int most = subjects.stream().mapToInt(Subject::trials).max().orElse(0);
		for (int trial = 0; trial < most; trial++) {
			List<Subject> order = new ArrayList<>(subjects);
			if (trial % 2 == 1) {
				Collections.reverse(order);
			}
			for (Subject subject : order) {
				if (trial < subject.trials() && trials.containsKey(subject)) {
					try {
						trials.get(subject).add(trial(subject, trial + 1));
					}
					catch (Exception ex) {
						this.bench.failed(ITEM, MEASUREMENT, subject.label(), ex);
						trials.remove(subject);
					}
				}
			}
		}
		Map<Subject, Double> medians = new LinkedHashMap<>();
		trials.forEach((subject, measured) -> medians.put(subject, report(subject, measured)));
		return medians;
	}

	private Trial trial(Subject subject, int number) throws Exception {
		this.bench.progress("[1] %s, trial %d: %d rotations", subject.label(), number, subject.rotations());
		Duration timeout = subject.timeout();
		try (Deployment deployment = this.bench.deploy(subject.variant())) {
			deployment.warmUp(Deployment.IN_SERVICE_HANDSHAKES);
			RotationRecord record = new RotationRecord();
			for (int i = 0; i < subject.rotations(); i++) {
				record.observe(deployment, deployment.rotate(), timeout);
				Workbench.pause(PAUSE);
			}
			record.keep(deployment, "rotations.csv");
			List<Double> seconds = record.seconds();
			int missed = record.missed();
			Trial trial = new Trial(seconds, missed);
			this.bench.progress("    p50 %s, p95 %s, max %s, not served within %s: %d", Format.seconds(trial.p50()),
					Format.seconds(trial.p95()), Format.seconds(Statistics.max(seconds)), timeout, missed);
			return trial;
		}
	}

	private double report(Subject subject, List<Trial> trials) {
		Duration timeout = subject.timeout();
		double p50 = Statistics.median(trials.stream().map(Trial::p50).toList());
		double p95 = Statistics.median(trials.stream().map(Trial::p95).toList());
		List<Double> all = trials.stream().flatMap((trial) -> trial.seconds().stream()).toList();
		int missed = trials.stream().mapToInt(Trial::missed).sum();
		String perTrial = perTrial(trials);
		String result = "p50 " + Format.seconds(p50) + ", p95 " + Format.seconds(p95) + " (median of " + trials.size()
				+ ((trials.size() == 1) ? " trial" : " trials") + " of " + subject.rotations()
				+ " rotations; p50 / p95 per trial: " + perTrial + "; p95 of all " + all.size() + ": "
				+ Format.seconds(Statistics.percentile(all, 95)) + ", slowest: " + Format.seconds(Statistics.max(all))
				+ ((missed > 0) ? "; " + missed + " rotations not served within " + timeout.toSeconds() + " s" : "")
				+ ")";
		boolean met = p50 < TARGET_P50 && p95 < TARGET_P95 && missed == 0;
		if (subject.target()) {
			for (int i = 0; i < trials.size(); i++) {
				if (trials.get(i).p95() >= TARGET_P95) {
					this.bench.report()
						.note("(" + ITEM + ") " + subject.label() + ": the p95 of trial " + (i + 1) + " was "
								+ Format.seconds(trials.get(i).p95()) + ", above the 0.1 s target (the table checks "
								+ "the median of the trials; the slowest rotations of that trial are in its "
								+ "`rotations.csv`).");
				}
			}
		}
		this.bench.report()
			.add(subject.target() ? new Row(ITEM, MEASUREMENT, subject.label(), result, TARGET, Row.Status.of(met))
					: Row.of(ITEM, MEASUREMENT, subject.label(), result));
		return p50;
	}

	/**
	 * Return the p50 and p95 of each trial, in words.
	 * @param trials the trials
	 * @return the figures, such as {@code 0.041 s / 0.075 s; 0.032 s / 0.068 s}
	 */
	static String perTrial(List<Trial> trials) {
		return trials.stream()
			.map((trial) -> Format.seconds(trial.p50()) + " / " + Format.seconds(trial.p95()))
			.collect(Collectors.joining("; "));
	}

	/**
	 * One application to measure.
	 *
	 * @param variant the application
	 * @param label how it is named in the report
	 * @param trials how many processes to measure
	 * @param rotations how many rotations each process makes
	 * @param timeout how long to wait for a rotation to be served before counting it as
	 * not served
	 * @param target whether the target applies
	 */
	record Subject(Variant variant, String label, int trials, int rotations, Duration timeout, boolean target) {

	}

	/**
	 * The rotations of one process.
	 *
	 * @param seconds the time each rotation took to be served
	 * @param missed how many rotations were not served in time
	 */
	record Trial(List<Double> seconds, int missed) {

		double p50() {
			return Statistics.percentile(this.seconds, 50);
		}

		double p95() {
			return Statistics.percentile(this.seconds, 95);
		}

	}

}
