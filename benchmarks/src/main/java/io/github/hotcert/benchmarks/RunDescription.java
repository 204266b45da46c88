package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine a run was measured on, and the run itself.
 *
 * @param cpu the CPU model
 * @param cores the number of cores the JVM sees
 * @param memory the total memory, as written in the report
 * @param os the operating system and kernel
 * @param java the Java runtime of the benchmark and of the measured applications
 * @param date when the run started (UTC)
 * @param command the command that ran the benchmark
 * @param duration how long the run took
 * @param items how long each item took
 * @param load the load average of the machine when the run started and when it ended
 */
record RunDescription(String cpu, int cores, String memory, String os, String java, ZonedDateTime date, String command,
		Duration duration, String items, String load) {

	private static final Pattern MEMORY_TOTAL = Pattern.compile("MemTotal:\\s+(\\d+) kB");

	static RunDescription of(ZonedDateTime date, String command, Duration duration, String items, String load) {
		String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vendor") + ")";
		return new RunDescription(cpuModel(), Runtime.getRuntime().availableProcessors(), totalMemory(),
				operatingSystem(), java, date.withZoneSameInstant(ZoneOffset.UTC), command, duration, items, load);
	}

	String table() {
		return new MarkdownTable("", "").row("CPU", this.cpu)
			.row("Cores", String.valueOf(this.cores))
			.row("Memory", this.memory)
			.row("OS", this.os)
			.row("Java", this.java)
			.row("Date", this.date.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)))
			.row("Command", "`" + this.command + "`")
			.row("Duration of the run", minutes(this.duration) + (this.items.isEmpty() ? "" : " (" + this.items + ")"))
			.row("Load average (1, 5, 15 min) at the start → at the end", this.load)
			.render();
	}

	/**
	 * The load average of the machine: other processes running during a run make its
	 * numbers noisier.
	 * @return the 1, 5 and 15 minute load averages, or "unknown"
	 */
	static String loadAverage() {
		return lines(Path.of("/proc/loadavg")).stream()
			.findFirst()
			.map((line) -> String.join(" ", List.of(line.split(" ")).subList(0, 3)))
			.orElse("unknown");
	}

	static String minutes(Duration duration) {
		return String.format(Locale.ROOT, "%d min %02d s", duration.toMinutes(), duration.toSecondsPart());
	}

	private static String cpuModel() {
		return lines(Path.of("/proc/cpuinfo")).stream()
			.filter((line) -> line.startsWith("model name"))
			.map((line) -> line.substring(line.indexOf(':') + 1).strip())
			.findFirst()
			.orElse(System.getProperty("os.arch"));
	}

	private static String totalMemory() {
		for (String line : lines(Path.of("/proc/meminfo"))) {
			Matcher matcher = MEMORY_TOTAL.matcher(line);
			if (matcher.find()) {
				return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(matcher.group(1)) / 1024.0 / 1024.0);
			}
		}
		return "unknown";
	}

	private static String operatingSystem() {
		String name = prettyName().orElse(System.getProperty("os.name"));
		return name + ", kernel " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")";
	}

	private static Optional<String> prettyName() {
		return lines(Path.of("/etc/os-release")).stream()
			.filter((line) -> line.startsWith("PRETTY_NAME="))
			.map((line) -> line.substring("PRETTY_NAME=".length()).replace("\"", ""))
			.findFirst();
	}

	private static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException ex) {
			return List.of();
		}
	}

}
