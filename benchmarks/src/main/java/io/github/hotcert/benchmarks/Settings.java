package io.github.hotcert.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to measure and how much: the defaults are the documented run; {@code --quick} only
 * checks that the harness works.
 *
 * @param tomcatJar the sample application on Spring Boot 4 and Tomcat
 * @param boot3TomcatJar the sample application on Spring Boot 3.5 and Tomcat
 * @param undertowJar the sample application on Spring Boot 3.5 and Undertow
 * @param output where to write the Markdown report, or {@code null}
 * @param workDirectory where the processes' files and logs go
 * @param command the command shown in the report
 * @param items the items to run (1 to 7)
 * @param quick whether to measure a little of everything only
 */
record Settings(Path tomcatJar, Path boot3TomcatJar, Path undertowJar, Path output, Path workDirectory, String command,
		Set<Integer> items, boolean quick) {

	static final String USAGE = """
			Usage: java -jar hotcert-benchmarks.jar --tomcat=JAR --boot3-tomcat=JAR --undertow=JAR [options]
			  --tomcat=JAR        the sample application on Spring Boot 4 and Tomcat (mvn package)
			  --boot3-tomcat=JAR  the sample application on Spring Boot 3.5 and Tomcat (mvn -Pboot3 package)
			  --undertow=JAR      the sample application on Spring Boot 3.5 and Undertow (mvn -Pundertow package)
			  --output=FILE     write the Markdown report there (benchmarks/run: docs/benchmarks.md)
			  --work=DIR        where the processes' certificates and logs go (default: a new temporary directory)
			  --command=TEXT    the command shown in the report (default: benchmarks/run)
			  --items=1,2,...   measure only these items (default: all seven)
			  --quick           measure a little of everything, to check the harness (numbers are meaningless)
			""";

	static Settings parse(String... arguments) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String argument : arguments) {
			if (!argument.startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument '" + argument + "'\n" + USAGE);
			}
			int equals = argument.indexOf('=');
			options.put((equals > 0) ? argument.substring(2, equals) : argument.substring(2),
					(equals > 0) ? argument.substring(equals + 1) : "true");
		}
		Set<String> known = Set.of("tomcat", "boot3-tomcat", "undertow", "output", "work", "command", "items", "quick",
				"help");
		for (String name : options.keySet()) {
			if (!known.contains(name)) {
				throw new IllegalArgumentException("Unknown option --" + name + "\n" + USAGE);
			}
		}
		if (options.containsKey("help") || !options.containsKey("tomcat") || !options.containsKey("boot3-tomcat")
				|| !options.containsKey("undertow")) {
			throw new IllegalArgumentException(USAGE);
		}
		Set<Integer> items = new TreeSet<>();
		for (String item : options.getOrDefault("items", "1,2,3,4,5,6,7").split(",")) {
			items.add(Integer.parseInt(item.strip()));
		}
		return new Settings(Path.of(options.get("tomcat")), Path.of(options.get("boot3-tomcat")),
				Path.of(options.get("undertow")), options.containsKey("output") ? Path.of(options.get("output")) : null,
				options.containsKey("work") ? Path.of(options.get("work")) : null,
				options.getOrDefault("command", "benchmarks/run"), items, options.containsKey("quick"));
	}

	boolean runs(int item) {
		return this.items.contains(item);
	}

	/** Item 1: rotations per trial. */
	int latencyRotations() {
		return this.quick ? 3 : 30;
	}

	/** Item 1: trials of each hotcert variant. */
	int hotcertLatencyTrials() {
		return this.quick ? 1 : 3;
	}

	/** Item 1: trials of Spring Boot's reload, 10 s or more per rotation. */
	int springBootLatencyTrials() {
		return 1;
	}

	/** Item 2: rotations under load. */
	int loadRotations() {
		return this.quick ? 4 : 100;
	}

	/** Item 2: trials of each variant. */
	int loadTrials() {
		return 1;
	}

	/** Item 2: client threads. */
	int loadThreads() {
		return 8;
	}

	/**
	 * Item 2: the quiet period of Spring Boot's reload, shortened to keep the run
	 * bounded.
	 */
	Duration springBootLoadQuietPeriod() {
		return Duration.ofMillis(500);
	}

	/** Item 2: how long the mismatched key stays on disk before the next rotation. */
	Duration mismatchHold() {
		return Duration.ofSeconds(3);
	}

	/** Item 3: client threads making handshakes. */
	int handshakeThreads() {
		return 4;
	}

	/** Item 3: the length of one turn. */
	Duration handshakeTurn() {
		return Duration.ofSeconds(this.quick ? 2 : 8);
	}

	/** Item 3: pairs of turns. */
	int handshakePairs() {
		return this.quick ? 2 : 10;
	}

	/** Item 4: timed requests per trial. */
	int reloadRequests() {
		return this.quick ? 20 : 200;
	}

	/** Item 4: trials of each variant. */
	int reloadTrials() {
		return this.quick ? 1 : 3;
	}

	/** Item 5: reloads before the first measurement. */
	int footprintBaseline() {
		return 10;
	}

	/** Item 5: reloads before the second measurement. */
	int footprintReloads() {
		return this.quick ? 200 : 10_000;
	}

	/** Item 6: pairs of starts. */
	int startupPairs() {
		return this.quick ? 1 : 6;
	}

	/** Item 7: client threads making handshakes. */
	int clientHandshakeThreads() {
		return 2;
	}

	/** Item 7: the length of one turn. */
	Duration clientHandshakeTurn() {
		return Duration.ofSeconds(this.quick ? 1 : 5);
	}

	/** Item 7: turns of each client before the measured ones. */
	int clientHandshakeWarmUpTurns() {
		return this.quick ? 1 : 3;
	}

	/** Item 7: pairs of turns. */
	int clientHandshakePairs() {
		return this.quick ? 2 : 12;
	}

}
