package io.github.hotcert.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What to measure and how much: the defaults are the documented run; {@code --quick} only
 * checks that the harness works.
 *
 * @param tomcatJar the sample application on Spring Boot 4 and Tomcat
 * @param boot3TomcatJar the sample application on Spring Boot 3.5 and Tomcat
 * @param undertowJar the sample application on Spring Boot 3.5 and Undertow
 * @param nettyJar the sample application on Spring Boot 4 and Reactor Netty, or
 * {@code null}
 * @param jettyJar the sample application on Spring Boot 4 and Jetty, or {@code null}
 * @param output where to write the Markdown report, or {@code null}
 * @param workDirectory where the processes' files and logs go
 * @param command the command shown in the report
 * @param items the items to run (1 to 10)
 * @param quick whether to measure a little of everything only
 * @param maxBundles the largest number of bundles of item 8
 * @param scaleServers the servers item 8 measures ({@code tomcat}, {@code undertow},
 * {@code netty}, {@code jetty})
 * @param startupPairs the pairs of starts of item 6, on each Spring Boot line
 */
record Settings(Path tomcatJar, Path boot3TomcatJar, Path undertowJar, Path nettyJar, Path jettyJar, Path output,
		Path workDirectory, String command, Set<Integer> items, boolean quick, int maxBundles, Set<String> scaleServers,
		int startupPairs) {

	private static final String ALL_ITEMS = "1,2,3,4,5,6,7,8,9,10";

	private static final Set<String> SERVERS = Set.of("tomcat", "undertow", "netty", "jetty");

	static final String USAGE = """
			Usage: java -jar hotcert-benchmarks.jar --tomcat=JAR --boot3-tomcat=JAR --undertow=JAR [options]
			  --tomcat=JAR        the sample application on Spring Boot 4 and Tomcat (mvn package)
			  --boot3-tomcat=JAR  the sample application on Spring Boot 3.5 and Tomcat (mvn -Pboot3 package)
			  --undertow=JAR      the sample application on Spring Boot 3.5 and Undertow (mvn -Pundertow package)
			  --netty=JAR         the sample application on Spring Boot 4 and Reactor Netty (mvn -Pwebflux package);
			                      without it, item 8 leaves Reactor Netty out
			  --jetty=JAR         the sample application on Spring Boot 4 and Jetty (mvn -Pjetty package);
			                      without it, item 8 leaves Jetty out
			  --output=FILE       write the Markdown report there (benchmarks/run: docs/benchmarks.md)
			  --work=DIR          where the processes' certificates and logs go (default: a new temporary directory)
			  --command=TEXT      the command shown in the report (default: benchmarks/run)
			  --items=1,2,...     measure only these items (default: all ten; item 9 needs Debian's pebble)
			  --max-bundles=N     item 8 measures 1, 10, 100, ... bundles up to N (default: 1000, --quick: 100)
			  --servers=S,...     item 8 measures only these of tomcat, undertow, netty, jetty (default: every
			                      server whose jar is given)
			  --pairs=N           item 6 measures N pairs of starts on each line (default: 8, --quick: 1)
			  --quick             measure a little of everything, to check the harness (numbers are meaningless)
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
		Set<String> known = Set.of("tomcat", "boot3-tomcat", "undertow", "netty", "jetty", "output", "work", "command",
				"items", "max-bundles", "servers", "pairs", "quick", "help");
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
		for (String item : options.getOrDefault("items", ALL_ITEMS).split(",")) {
			items.add(Integer.parseInt(item.strip()));
		}
		boolean quick = options.containsKey("quick");
		int maxBundles = Integer.parseInt(options.getOrDefault("max-bundles", quick ? "100" : "1000"));
		return new Settings(Path.of(options.get("tomcat")), Path.of(options.get("boot3-tomcat")),
				Path.of(options.get("undertow")), path(options, "netty"), path(options, "jetty"),
				path(options, "output"), path(options, "work"), options.getOrDefault("command", "benchmarks/run"),
				items, quick, maxBundles, servers(options.getOrDefault("servers", String.join(",", SERVERS))),
				Integer.parseInt(options.getOrDefault("pairs", quick ? "1" : "8")));
	}

	private static Set<String> servers(String list) {
		Set<String> servers = new TreeSet<>();
		for (String server : list.split(",")) {
			if (!SERVERS.contains(server.strip())) {
				throw new IllegalArgumentException("Unknown server '" + server.strip() + "' in --servers\n" + USAGE);
			}
			servers.add(server.strip());
		}
		return servers;
	}

	private static Path path(Map<String, String> options, String name) {
		return options.containsKey(name) ? Path.of(options.get(name)) : null;
	}

	/**
	 * Return the jars given.
	 * @return the jars
	 */
	List<Path> jars() {
		return Stream.of(this.tomcatJar, this.boot3TomcatJar, this.undertowJar, this.nettyJar, this.jettyJar)
			.filter(Objects::nonNull)
			.toList();
	}

	boolean runs(int item) {
		return this.items.contains(item);
	}

	/**
	 * Whether item 8 measures a server.
	 * @param server {@code tomcat}, {@code undertow}, {@code netty} or {@code jetty}
	 * @return whether it is measured (if its jar is given)
	 */
	boolean scales(String server) {
		return this.scaleServers.contains(server);
	}

	/** Item 1: rotations per trial. */
	int latencyRotations() {
		return this.quick ? 3 : 30;
	}

	/** Item 1: trials of each hotcert variant. */
	int hotcertLatencyTrials() {
		return this.quick ? 1 : 3;
	}

	/** Item 1: trials of Spring Boot's reload at its default quiet period. */
	int springBootLatencyTrials() {
		return 1;
	}

	/**
	 * Item 1: rotations of Spring Boot's reload at its default quiet period, 10 s or more
	 * each.
	 */
	int springBootDefaultRotations() {
		return this.quick ? 2 : 10;
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

	/** Item 3: client threads making handshakes against each application. */
	int handshakeThreads() {
		return 4;
	}

	/** Item 3: the length of one turn. */
	Duration handshakeTurn() {
		return Duration.ofSeconds(this.quick ? 2 : 8);
	}

	/** Item 3: pairs of processes, one with hotcert and one with static SSL. */
	int handshakeProcessPairs() {
		return this.quick ? 1 : 4;
	}

	/** Item 3: turns of each pair of processes. */
	int handshakeTurns() {
		return this.quick ? 2 : 6;
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

	/** Item 7: rotations of each kind of change. */
	int changeRotations() {
		return this.quick ? 3 : 30;
	}

	/** Item 8: the numbers of bundles: 1, 10, 100, ... up to the largest. */
	List<Integer> scaleSizes() {
		List<Integer> sizes = new ArrayList<>();
		for (int size = 1; size <= this.maxBundles; size *= 10) {
			sizes.add(size);
		}
		return sizes;
	}

	/** Item 8: rotations of one bundle with each number of bundles. */
	int scaleRotations() {
		return this.quick ? 3 : 10;
	}

	/** Item 8: how long the idle watcher is measured. */
	Duration idleWindow() {
		return Duration.ofSeconds(this.quick ? 20 : 60);
	}

	/** Item 8: how long every bundle may take to serve its new certificate in a storm. */
	Duration stormTimeout() {
		return Duration.ofMinutes(3);
	}

	/** Item 9: pairs of starts, ACME on empty storage and static SSL. */
	int acmePairs() {
		return this.quick ? 1 : 5;
	}

	/** Item 10: client threads making handshakes. */
	int clientHandshakeThreads() {
		return 2;
	}

	/** Item 10: the length of one turn. */
	Duration clientHandshakeTurn() {
		return Duration.ofSeconds(this.quick ? 1 : 5);
	}

	/** Item 10: turns of each client before the measured ones. */
	int clientHandshakeWarmUpTurns() {
		return this.quick ? 1 : 3;
	}

	/** Item 10: pairs of turns. */
	int clientHandshakePairs() {
		return this.quick ? 2 : 12;
	}

}
