package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Runs the benchmark: starts the packaged sample application as processes, measures, and
 * writes the report. See {@code docs/benchmarks.md} and {@link Settings#USAGE}.
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	public static void main(String[] arguments) throws IOException {
		Settings settings;
		try {
			settings = Settings.parse(arguments);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		for (Path jar : List.of(settings.tomcatJar(), settings.undertowJar())) {
			if (!Files.isRegularFile(jar)) {
				System.err.println("No such jar: " + jar);
				System.exit(2);
			}
		}
		Path work = ((settings.workDirectory() != null) ? Files.createDirectories(settings.workDirectory())
				: Files.createTempDirectory("hotcert-benchmarks-"))
			.toAbsolutePath();
		ZonedDateTime date = ZonedDateTime.now();
		long start = System.nanoTime();
		Report report = new Report();
		Workbench bench = new Workbench(work, report, System.out);
		bench.progress("hotcert benchmarks%s: processes' files and logs in %s", settings.quick() ? " (quick)" : "",
				work);
		String loadBefore = RunDescription.loadAverage();
		Map<Integer, Duration> items = measure(settings, bench);
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		String itemDurations = items.entrySet()
			.stream()
			.map((item) -> "item " + item.getKey() + ": " + RunDescription.minutes(item.getValue()))
			.collect(Collectors.joining(", "));
		RunDescription run = RunDescription.of(date, settings.command() + (settings.quick() ? " --quick" : ""),
				duration, itemDurations, loadBefore + " → " + RunDescription.loadAverage());
		String markdown = report.toMarkdown(run, method());
		System.out.println();
		System.out.println(run.table());
		System.out.println(report.table());
		report.missed().forEach((line) -> System.out.println("MISSED: " + line));
		if (settings.output() != null) {
			Files.createDirectories(settings.output().toAbsolutePath().getParent());
			Files.writeString(settings.output(), markdown);
			bench.progress("Wrote %s", settings.output());
		}
		bench.progress("Done in %s", String.format(Locale.ROOT, "%.1f min", duration.toSeconds() / 60.0));
	}

	private static Map<Integer, Duration> measure(Settings settings, Workbench bench) {
		Variant tomcat = Variant.hotcert("Tomcat", settings.tomcatJar());
		Variant undertow = Variant.hotcert("Undertow", settings.undertowJar());
		Variant staticSsl = Variant.staticSsl(settings.tomcatJar());
		Map<Integer, Runnable> items = new LinkedHashMap<>();
		items.put(Startup.ITEM, () -> new Startup(bench, settings.startupPairs()).run(tomcat, staticSsl));
		items.put(HandshakeThroughput.ITEM, () -> new HandshakeThroughput(bench, settings.handshakeThreads(),
				settings.handshakeTurn(), settings.handshakePairs())
			.run(tomcat, staticSsl));
		items.put(ReloadLatency.ITEM, () -> new ReloadLatency(bench, settings.reloadRequests(), settings.reloadTrials())
			.run(List.of(tomcat, undertow)));
		items.put(RotationLatency.ITEM, () -> rotationLatency(settings, bench, tomcat, undertow));
		items.put(RotationsUnderLoad.ITEM, () -> rotationsUnderLoad(settings, bench, tomcat, undertow));
		items.put(ReloadFootprint.ITEM,
				() -> new ReloadFootprint(bench, settings.footprintBaseline(), settings.footprintReloads())
					.run(tomcat));
		Map<Integer, Duration> durations = new TreeMap<>();
		items.forEach((item, measurement) -> {
			if (settings.runs(item)) {
				long start = System.nanoTime();
				measurement.run();
				durations.put(item, Duration.ofNanos(System.nanoTime() - start));
			}
		});
		return durations;
	}

	private static void rotationLatency(Settings settings, Workbench bench, Variant tomcat, Variant undertow) {
		Duration hotcertTimeout = Duration.ofSeconds(10);
		RotationLatency.Subject hotcertTomcat = new RotationLatency.Subject(tomcat, tomcat.name(),
				settings.hotcertLatencyTrials(), hotcertTimeout, true);
		RotationLatency.Subject hotcertUndertow = new RotationLatency.Subject(undertow, undertow.name(),
				settings.hotcertLatencyTrials(), hotcertTimeout, true);
		Variant springBoot = Variant.springBootReload(settings.tomcatJar());
		RotationLatency.Subject springBootTomcat = new RotationLatency.Subject(springBoot,
				springBoot.name() + " (its default 10 s quiet period)", settings.springBootLatencyTrials(),
				Duration.ofSeconds(30), false);
		RotationLatency latency = new RotationLatency(bench, settings.latencyRotations());
		Map<RotationLatency.Subject, Double> p50 = latency
			.run(List.of(hotcertTomcat, hotcertUndertow, springBootTomcat));
		if (p50.containsKey(hotcertTomcat) && p50.containsKey(springBootTomcat)) {
			double ratio = p50.get(springBootTomcat) / p50.get(hotcertTomcat);
			bench.report()
				.add(Row.of(RotationLatency.ITEM, "Rotation latency ratio, Spring Boot / hotcert (p50)", "Tomcat",
						String.format(Locale.ROOT, "%.1f× (hotcert serves a new certificate %.1f times sooner)", ratio,
								ratio)));
		}
	}

	private static void rotationsUnderLoad(Settings settings, Workbench bench, Variant tomcat, Variant undertow) {
		Duration quietPeriod = settings.springBootLoadQuietPeriod();
		Variant springBoot = Variant.springBootReload(settings.tomcatJar(),
				"--spring.ssl.bundle.watch.file.quiet-period=" + quietPeriod.toMillis() + "ms");
		Duration timeout = Duration.ofSeconds(15);
		new RotationsUnderLoad(bench, settings.loadRotations(), settings.loadThreads(), settings.mismatchHold())
			.run(List.of(new RotationsUnderLoad.Subject(tomcat, tomcat.name(), timeout, true),
					new RotationsUnderLoad.Subject(undertow, undertow.name(), timeout, true),
					new RotationsUnderLoad.Subject(springBoot,
							springBoot.name() + " (quiet period shortened to " + quietPeriod.toMillis() + " ms)",
							timeout, false)),
					settings.loadTrials());
	}

	private static String method() throws IOException {
		try (InputStream stream = Benchmarks.class.getResourceAsStream("method.md")) {
			if (stream == null) {
				throw new IOException("No method.md next to " + Benchmarks.class.getName());
			}
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
