package io.github.hotcert.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * Percentiles and medians of measured values.
 */
final class Statistics {

	private static final int BOOTSTRAP_SAMPLES = 10_000;

	private static final long BOOTSTRAP_SEED = 20261207L;

	private Statistics() {
	}

	/**
	 * The nearest-rank percentile: the smallest value that at least {@code percent}% of
	 * the values are less than or equal to. The p95 of 30 values is the 29th smallest.
	 * @param values the measured values
	 * @param percent the percentile, above 0 and at most 100
	 * @return the percentile
	 */
	static double percentile(Collection<Double> values, double percent) {
		if (values.isEmpty()) {
			throw new IllegalArgumentException("No values");
		}
		if (percent <= 0 || percent > 100) {
			throw new IllegalArgumentException("Percentile must be above 0 and at most 100: " + percent);
		}
		List<Double> sorted = sorted(values);
		int rank = (int) Math.ceil(percent / 100 * sorted.size());
		return sorted.get(Math.max(rank, 1) - 1);
	}

	/**
	 * The median: the middle value, or the mean of the two middle values of an even
	 * number of values.
	 * @param values the measured values
	 * @return the median
	 */
	static double median(Collection<Double> values) {
		if (values.isEmpty()) {
			throw new IllegalArgumentException("No values");
		}
		List<Double> sorted = sorted(values);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	/**
	 * A 95 % bootstrap interval of the median: the 2.5th and 97.5th percentiles of the
	 * medians of 10 000 samples drawn with replacement from the values. The draws come
	 * from a fixed seed, so that the same values always give the same interval.
	 * @param values the measured values
	 * @return the lower and the upper bound
	 */
	static Interval medianInterval(Collection<Double> values) {
		if (values.isEmpty()) {
			throw new IllegalArgumentException("No values");
		}
		List<Double> sorted = sorted(values);
		return bootstrap((random, sample) -> draw(sorted, random, sample));
	}

	/**
	 * A 95 % bootstrap interval of the median of values measured in groups whose values
	 * are not independent, such as the turns of one pair of processes: each of the 10 000
	 * samples draws as many groups as there are, with replacement, then as many values
	 * from each drawn group as it holds, with replacement, and takes the median of all
	 * the values drawn. The draws come from a fixed seed.
	 * @param groups the values of each group
	 * @return the lower and the upper bound
	 */
	static Interval medianIntervalOfGroups(List<? extends List<Double>> groups) {
		if (groups.isEmpty() || groups.stream().anyMatch(List::isEmpty)) {
			throw new IllegalArgumentException("No values");
		}
		List<List<Double>> sortedGroups = groups.stream().map(Statistics::sorted).toList();
		return bootstrap((random, sample) -> {
			for (int i = 0; i < sortedGroups.size(); i++) {
				draw(sortedGroups.get(random.nextInt(sortedGroups.size())), random, sample);
			}
		});
	}

	/**
	 * The 2.5th and 97.5th percentiles of the medians of 10 000 samples, each drawn by
	 * the given function from one random number generator with a fixed seed.
	 */
	private static Interval bootstrap(BiConsumer<Random, List<Double>> drawSample) {
		Random random = new Random(BOOTSTRAP_SEED);
		List<Double> medians = new ArrayList<>(BOOTSTRAP_SAMPLES);
		List<Double> sample = new ArrayList<>();
		for (int i = 0; i < BOOTSTRAP_SAMPLES; i++) {
			sample.clear();
			drawSample.accept(random, sample);
			medians.add(median(sample));
		}
		return new Interval(percentile(medians, 2.5), percentile(medians, 97.5));
	}

	/**
	 * Add as many values as there are, drawn from them with replacement.
	 */
	private static void draw(List<Double> values, Random random, List<Double> sample) {
		for (int i = 0; i < values.size(); i++) {
			sample.add(values.get(random.nextInt(values.size())));
		}
	}

	static double min(Collection<Double> values) {
		return sorted(values).get(0);
	}

	static double max(Collection<Double> values) {
		List<Double> sorted = sorted(values);
		return sorted.get(sorted.size() - 1);
	}

	private static List<Double> sorted(Collection<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted;
	}

	/**
	 * An interval of values.
	 *
	 * @param low the lower bound
	 * @param high the upper bound
	 */
	record Interval(double low, double high) {

	}

}
