package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
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

	private static final String BOOT_4_TOMCAT = "Tomcat, Spring Boot 4.1.2";

	private static final String BOOT_3_TOMCAT = "Tomcat, Spring Boot 3.5.16";

	private static final String BOOT_3_UNDERTOW = "Undertow, Spring Boot 3.5.16";

	private static final String BOOT_4_NETTY = "Reactor Netty, Spring Boot 4.1.2";

	private static final String BOOT_4_JETTY = "Jetty, Spring Boot 4.1.2";

	/**
	 * hotcert's default quiet period, given to Spring Boot's reload for the comparison at
	 * equal settings.
	 */
	private static final Duration HOTCERT_QUIET_PERIOD = Duration.ofMillis(250);

	private static final double EQUAL_SETTINGS_TARGET = 3;

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
		for (Path jar : settings.jars()) {
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
		Variant tomcat = Variant.hotcert(BOOT_4_TOMCAT, settings.tomcatJar());
		Variant undertow = Variant.hotcert(BOOT_3_UNDERTOW, settings.undertowJar());
		Variant staticSsl = Variant.staticSsl(BOOT_4_TOMCAT, settings.tomcatJar());
		Map<Integer, Runnable> items = new LinkedHashMap<>();
		items.put(Startup.ITEM, () -> startup(settings, bench, tomcat, staticSsl));
		items.put(HandshakeThroughput.ITEM,
				() -> new HandshakeThroughput(bench, settings.handshakeThreads(), settings.handshakeTurn(),
						settings.handshakeProcessPairs(), settings.handshakeTurns())
					.run(tomcat, staticSsl));
		items.put(ReloadLatency.ITEM, () -> new ReloadLatency(bench, settings.reloadRequests(), settings.reloadTrials())
			.run(List.of(tomcat, undertow)));
		items.put(RotationLatency.ITEM, () -> rotationLatency(settings, bench, tomcat, undertow));
		items.put(RotationsUnderLoad.ITEM, () -> rotationsUnderLoad(settings, bench, tomcat, undertow));
		items.put(ReloadFootprint.ITEM,
				() -> new ReloadFootprint(bench, settings.footprintBaseline(), settings.footprintReloads())
					.run(tomcat));
		items.put(ChangeKinds.ITEM,
				() -> new ChangeKinds(bench, settings.changeRotations(), settings.hotcertLatencyTrials()).run(tomcat));
		items.put(Scale.ITEM, () -> new Scale(bench, settings.scaleSizes(), settings.scaleRotations(),
				settings.idleWindow(), settings.stormTimeout())
			.run(scaleServers(settings, tomcat, undertow)));
		items.put(AcmeIssuance.ITEM,
				() -> new AcmeIssuance(bench, bench.directory().resolve("acme"), settings.acmePairs())
					.run(settings.tomcatJar(), staticSsl));
		items.put(ClientHandshakeThroughput.ITEM,
				() -> new ClientHandshakeThroughput(bench, settings.clientHandshakeThreads(),
						settings.clientHandshakeTurn(), settings.clientHandshakeWarmUpTurns(),
						settings.clientHandshakePairs())
					.run());
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

	private static void startup(Settings settings, Workbench bench, Variant tomcat, Variant staticSsl) {
		Startup startup = new Startup(bench, settings.startupPairs());
		startup.run(tomcat, staticSsl, BOOT_4_TOMCAT);
		startup.run(Variant.hotcert(BOOT_3_TOMCAT, settings.boot3TomcatJar()),
				Variant.staticSsl(BOOT_3_TOMCAT, settings.boot3TomcatJar()), BOOT_3_TOMCAT);
	}

	private static List<Scale.Server> scaleServers(Settings settings, Variant tomcat, Variant undertow) {
		List<Scale.Server> servers = new ArrayList<>();
		if (settings.scales("tomcat")) {
			servers.add(new Scale.Server(tomcat, tomcat.name(), true));
			servers.add(new Scale.Server(tomcat, tomcat.name(), false));
		}
		if (settings.scales("undertow")) {
			servers.add(new Scale.Server(undertow, undertow.name(), true));
		}
		if (settings.nettyJar() != null && settings.scales("netty")) {
			Variant netty = Variant.hotcert(BOOT_4_NETTY, settings.nettyJar());
			servers.add(new Scale.Server(netty, netty.name(), true));
		}
		if (settings.jettyJar() != null && settings.scales("jetty")) {
			Variant jetty = Variant.hotcert(BOOT_4_JETTY, settings.jettyJar());
			servers.add(new Scale.Server(jetty, jetty.name(), false));
		}
		return servers;
	}

	private static void rotationLatency(Settings settings, Workbench bench, Variant tomcat, Variant undertow) {
		Variant boot3Tomcat = Variant.hotcert(BOOT_3_TOMCAT, settings.boot3TomcatJar());
		RotationLatency.Subject hotcert4 = hotcert(settings, tomcat);
		RotationLatency.Subject hotcert3 = hotcert(settings, boot3Tomcat);
		RotationLatency.Subject hotcertUndertow = hotcert(settings, undertow);
		RotationLatency.Subject springBoot4 = springBootDefault(settings, BOOT_4_TOMCAT, settings.tomcatJar());
		RotationLatency.Subject springBoot3 = springBootDefault(settings, BOOT_3_TOMCAT, settings.boot3TomcatJar());
		RotationLatency.Subject equal4 = springBootAtHotcertsQuietPeriod(settings, BOOT_4_TOMCAT, settings.tomcatJar());
		RotationLatency.Subject equal3 = springBootAtHotcertsQuietPeriod(settings, BOOT_3_TOMCAT,
				settings.boot3TomcatJar());
		Map<RotationLatency.Subject, Double> p50 = new RotationLatency(bench)
			.run(List.of(hotcert4, hotcert3, hotcertUndertow, equal4, equal3, springBoot4, springBoot3));
		addRatio(bench, p50, equal4, hotcert4, BOOT_4_TOMCAT,
				"at equal settings (quiet period " + HOTCERT_QUIET_PERIOD.toMillis() + " ms for both)",
				EQUAL_SETTINGS_TARGET);
		addRatio(bench, p50, equal3, hotcert3, BOOT_3_TOMCAT,
				"at equal settings (quiet period " + HOTCERT_QUIET_PERIOD.toMillis() + " ms for both)",
				EQUAL_SETTINGS_TARGET);
		addRatio(bench, p50, springBoot4, hotcert4, BOOT_4_TOMCAT, "at each one's defaults", 0);
		addRatio(bench, p50, springBoot3, hotcert3, BOOT_3_TOMCAT, "at each one's defaults", 0);
	}

	private static RotationLatency.Subject hotcert(Settings settings, Variant variant) {
		return new RotationLatency.Subject(variant, variant.name(), settings.hotcertLatencyTrials(),
				settings.latencyRotations(), Duration.ofSeconds(10), true);
	}

	private static RotationLatency.Subject springBootDefault(Settings settings, String server, Path jar) {
		Variant springBoot = Variant.springBootReload(server, jar);
		return new RotationLatency.Subject(springBoot, springBoot.name() + " (its default 10 s quiet period)",
				settings.springBootLatencyTrials(), settings.springBootDefaultRotations(), Duration.ofSeconds(30),
				false);
	}

	private static RotationLatency.Subject springBootAtHotcertsQuietPeriod(Settings settings, String server, Path jar) {
		Variant springBoot = Variant.springBootReload(server, jar,
				"--spring.ssl.bundle.watch.file.quiet-period=" + HOTCERT_QUIET_PERIOD.toMillis() + "ms");
		return new RotationLatency.Subject(springBoot,
				springBoot.name() + " (quiet period " + HOTCERT_QUIET_PERIOD.toMillis() + " ms, as hotcert's)",
				settings.hotcertLatencyTrials(), settings.latencyRotations(), Duration.ofSeconds(10), false);
	}

	private static void addRatio(Workbench bench, Map<RotationLatency.Subject, Double> p50,
			RotationLatency.Subject springBoot, RotationLatency.Subject hotcert, String server, String settings,
			double target) {
		if (p50.containsKey(hotcert) && p50.containsKey(springBoot)) {
			double ratio = p50.get(springBoot) / p50.get(hotcert);
			String measurement = "Rotation latency ratio, Spring Boot / hotcert (p50), " + settings;
			String result = String.format(Locale.ROOT, "%.1f× (hotcert serves a new certificate %.1f times sooner)",
					ratio, ratio);
			bench.report()
				.add((target > 0)
						? new Row(RotationLatency.ITEM, measurement, server, result,
								String.format(Locale.ROOT, "≥ %.0f×", target), Row.Status.of(ratio >= target))
						: Row.of(RotationLatency.ITEM, measurement, server, result));
		}
	}

	private static void rotationsUnderLoad(Settings settings, Workbench bench, Variant tomcat, Variant undertow) {
		Duration quietPeriod = settings.springBootLoadQuietPeriod();
		String quiet = "--spring.ssl.bundle.watch.file.quiet-period=" + quietPeriod.toMillis() + "ms";
		Variant springBoot4 = Variant.springBootReload(BOOT_4_TOMCAT, settings.tomcatJar(), quiet);
		Variant springBoot3 = Variant.springBootReload(BOOT_3_TOMCAT, settings.boot3TomcatJar(), quiet);
		Variant boot3Tomcat = Variant.hotcert(BOOT_3_TOMCAT, settings.boot3TomcatJar());
		Duration timeout = Duration.ofSeconds(15);
		String shortened = " (quiet period shortened to " + quietPeriod.toMillis() + " ms)";
		new RotationsUnderLoad(bench, settings.loadRotations(), settings.loadThreads(), settings.mismatchHold()).run(
				List.of(new RotationsUnderLoad.Subject(tomcat, tomcat.name(), timeout, true),
						new RotationsUnderLoad.Subject(boot3Tomcat, boot3Tomcat.name(), timeout, true),
						new RotationsUnderLoad.Subject(undertow, undertow.name(), timeout, true),
						new RotationsUnderLoad.Subject(springBoot4, springBoot4.name() + shortened, timeout, false),
						new RotationsUnderLoad.Subject(springBoot3, springBoot3.name() + shortened, timeout, false)),
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
