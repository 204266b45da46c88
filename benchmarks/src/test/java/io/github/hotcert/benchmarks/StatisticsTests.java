package io.github.hotcert.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StatisticsTests {

	@Test
	void percentileIsTheNearestRank() {
		List<Double> values = new ArrayList<>();
		for (int i = 1; i <= 30; i++) {
			values.add((double) i);
		}
		Collections.shuffle(values);
		assertThat(Statistics.percentile(values, 50)).isEqualTo(15.0);
		assertThat(Statistics.percentile(values, 95)).isEqualTo(29.0);
		assertThat(Statistics.percentile(values, 100)).isEqualTo(30.0);
	}

	@Test
	void percentileOfOneValueIsThatValue() {
		assertThat(Statistics.percentile(List.of(0.3), 1)).isEqualTo(0.3);
		assertThat(Statistics.percentile(List.of(0.3), 95)).isEqualTo(0.3);
	}

	@Test
	void percentileOfAHundredValuesIgnoresTheFiveLargest() {
		List<Double> values = new ArrayList<>();
		for (int i = 0; i < 95; i++) {
			values.add(0.3);
		}
		for (int i = 0; i < 5; i++) {
			values.add(10.0);
		}
		assertThat(Statistics.percentile(values, 95)).isEqualTo(0.3);
		values.set(0, 10.0);
		assertThat(Statistics.percentile(values, 95)).isEqualTo(10.0);
	}

	@Test
	void medianOfAnOddNumberOfValuesIsTheMiddleOne() {
		assertThat(Statistics.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
	}

	@Test
	void medianOfAnEvenNumberOfValuesIsTheMeanOfTheMiddleTwo() {
		assertThat(Statistics.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
	}

	@Test
	void medianDoesNotChangeItsArgument() {
		List<Double> values = new ArrayList<>(List.of(3.0, 1.0, 2.0));
		Statistics.median(values);
		assertThat(values).containsExactly(3.0, 1.0, 2.0);
	}

	@Test
	void minAndMax() {
		assertThat(Statistics.min(List.of(2.0, -1.0, 5.0))).isEqualTo(-1.0);
		assertThat(Statistics.max(List.of(2.0, -1.0, 5.0))).isEqualTo(5.0);
	}

	@Test
	void refusesNoValuesAndPercentilesOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> Statistics.median(List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> Statistics.percentile(List.of(), 50));
		assertThatIllegalArgumentException().isThrownBy(() -> Statistics.percentile(List.of(1.0), 0));
		assertThatIllegalArgumentException().isThrownBy(() -> Statistics.percentile(List.of(1.0), 101));
	}

	@Test
	void medianIntervalOfEqualValuesIsThatValue() {
		Statistics.Interval interval = Statistics.medianInterval(List.of(1.05, 1.05, 1.05, 1.05));
		assertThat(interval.low()).isEqualTo(1.05);
		assertThat(interval.high()).isEqualTo(1.05);
	}

	@Test
	void medianIntervalHoldsTheMedianAndNarrowsWithMoreValues() {
		List<Double> values = new ArrayList<>();
		for (int i = 1; i <= 21; i++) {
			values.add((double) i);
		}
		Statistics.Interval interval = Statistics.medianInterval(values);
		// The 2.5th and 97.5th percentiles of the exact bootstrap distribution of the
		// median
		assertThat(interval).isEqualTo(new Statistics.Interval(7.0, 15.0));
		List<Double> more = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			more.addAll(values);
		}
		Statistics.Interval narrower = Statistics.medianInterval(more);
		assertThat(narrower.low()).isGreaterThan(interval.low()).isLessThanOrEqualTo(11.0);
		assertThat(narrower.high()).isLessThan(interval.high()).isGreaterThanOrEqualTo(11.0);
	}

	@Test
	void medianIntervalIsTheSameForTheSameValuesInAnyOrder() {
		List<Double> values = List.of(0.98, 1.21, 1.02, 1.07, 0.95, 1.13, 1.04, 1.01);
		List<Double> shuffled = new ArrayList<>(values);
		Collections.shuffle(shuffled, new Random(1));
		assertThat(shuffled).isNotEqualTo(values);
		assertThat(Statistics.medianInterval(values)).isEqualTo(Statistics.medianInterval(shuffled));
	}

	@Test
	void medianIntervalOfGroupsDrawsWholeGroups() {
		List<Double> ones = Collections.nCopies(20, 1.0);
		List<Double> twos = Collections.nCopies(20, 2.0);
		List<List<Double>> groups = List.of(ones, ones, twos);
		// Two draws or more of the group of twos out of three make the median 2 in 7
		// samples of 27: the upper bound is 2. Drawn one by one, 30 twos or more out of
		// 60 values, for a median above 1, come in fewer than 1 sample in 100
		assertThat(Statistics.medianIntervalOfGroups(groups)).isEqualTo(new Statistics.Interval(1.0, 2.0));
		List<Double> values = groups.stream().flatMap(List::stream).toList();
		assertThat(Statistics.medianInterval(values)).isEqualTo(new Statistics.Interval(1.0, 1.0));
	}

	@Test
	void medianIntervalOfGroupsDrawsTheValuesWithinEachGroup() {
		List<Double> values = new ArrayList<>();
		for (int i = 1; i <= 21; i++) {
			values.add((double) i);
		}
		// One group: every sample draws it, then its values one by one, as the flat
		// bootstrap does
		assertThat(Statistics.medianIntervalOfGroups(List.of(values))).isEqualTo(new Statistics.Interval(7.0, 15.0));
	}

	@Test
	void medianIntervalOfGroupsRefusesAnEmptyGroup() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Statistics.medianIntervalOfGroups(List.of(List.of(1.0), List.of())));
	}

}
