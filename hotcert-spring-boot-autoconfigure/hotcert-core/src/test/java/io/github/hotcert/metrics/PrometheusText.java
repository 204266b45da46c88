package io.github.hotcert.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of a Prometheus text exposition, for assertions.
 */
final class PrometheusText {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final List<Sample> samples;

	private PrometheusText(List<Sample> samples) {
		this.samples = samples;
	}

	static PrometheusText parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			Matcher matcher = SAMPLE.matcher(line);
			if (!line.startsWith("#") && matcher.find()) {
				Map<String, String> labels = new LinkedHashMap<>();
				if (matcher.group(2) != null) {
					Matcher label = LABEL.matcher(matcher.group(2));
					while (label.find()) {
						labels.put(label.group(1), label.group(2));
					}
				}
				samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(3))));
			}
		}
		return new PrometheusText(samples);
	}

	List<Sample> samples(String name) {
		return this.samples.stream().filter((sample) -> sample.name().equals(name)).toList();
	}

	List<Sample> samples(String name, String... labels) {
		return samples(name).stream().filter((sample) -> sample.has(labels)).toList();
	}

	List<String> names() {
		return this.samples.stream().map(Sample::name).distinct().toList();
	}

	/**
	 * One sample.
	 */
	record Sample(String name, Map<String, String> labels, double value) {

		boolean has(String... labels) {
			for (int i = 0; i < labels.length; i += 2) {
				if (!labels[i + 1].equals(this.labels.get(labels[i]))) {
					return false;
				}
			}
			return true;
		}

		String label(String name) {
			return this.labels.get(name);
		}

	}

}
