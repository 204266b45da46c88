package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Item 3: full TLS handshakes per second against the application with hotcert and the
 * same application with static SSL and no hotcert. Both run side by side and are loaded
 * at the same time, each by its own client threads, so that a slower moment of the
 * machine weighs on both alike and each turn's ratio compares them under the same
 * conditions. Since each process's JIT compiler compiles the handshake code its own way,
 * the turns are spread over several pairs of processes, which of the two starts first
 * alternating from one pair to the next; the ratio is the median of all turns' ratios.
 */
final class HandshakeThroughput {

	static final int ITEM = 3;

	private static final String MEASUREMENT = "Full TLS handshakes per second";

	private static final int WARM_UP_TURNS = 5;

	private final Workbench bench;

	private final int threads;

	private final Duration turnLength;

	private final int processPairs;

	private final int turnsPerPair;

	/**
	 * Create a new {@link HandshakeThroughput}.
	 * @param bench the workbench
	 * @param threads the client threads of each application
	 * @param turnLength the length of one turn
	 * @param processPairs the pairs of processes
	 * @param turnsPerPair the turns measured in each pair of processes
	 */
	HandshakeThroughput(Workbench bench, int threads, Duration turnLength, int processPairs, int turnsPerPair) {
		this.bench = bench;
		this.threads = threads;
		this.turnLength = turnLength;
		this.processPairs = processPairs;
		this.turnsPerPair = turnsPerPair;
	}

	void run(Variant measured, Variant baseline) {
		this.bench.progress("[3] %s against %s, both at once: %d pairs of processes, %d turns of %d s each",
				measured.name(), baseline.name(), this.processPairs, this.turnsPerPair, this.turnLength.toSeconds());
		try {
			List<List<Turn>> pairs = new ArrayList<>();
			for (int pair = 1; pair <= this.processPairs; pair++) {
				pairs.add(measure(measured, baseline, pair));
			}
			report(measured, baseline, pairs);
		}
		catch (Exception ex) {
			this.bench.failed(ITEM, MEASUREMENT, measured.name(), ex);
		}
	}

	private List<Turn> measure(Variant measured, Variant baseline, int pair) throws IOException, InterruptedException {
		boolean hotcertFirst = pair % 2 == 1;
		this.bench.progress("  pair of processes %d, %s started first", pair,
				(hotcertFirst ? measured : baseline).name());
		try (Deployment first = this.bench.deploy(hotcertFirst ? measured : baseline);
				Deployment second = this.bench.deploy(hotcertFirst ? baseline : measured)) {
			Deployment hotcert = hotcertFirst ? first : second;
			Deployment plain = hotcertFirst ? second : first;
			for (int i = 0; i < WARM_UP_TURNS; i++) {
				this.bench.progress("    warm-up turn %d, not counted: %s", i + 1,
						together(hotcert, plain, i).describe(measured, baseline));
			}
			List<Turn> measuredTurns = new ArrayList<>();
			for (int i = 0; i < this.turnsPerPair; i++) {
				Turn turn = together(hotcert, plain, i);
				measuredTurns.add(turn);
				this.bench.progress("    turn %d: %s", i + 1, turn.describe(measured, baseline));
			}
			return measuredTurns;
		}
	}

	/**
	 * Report the rates of both applications and their ratio, the median of all turns'
	 * ratios.
	 * @param measured the application with hotcert
	 * @param baseline the application with static SSL
	 * @param pairs the turns of each pair of processes
	 */
	void report(Variant measured, Variant baseline, List<List<Turn>> pairs) {
		List<Turn> turns = pairs.stream().flatMap(List::stream).toList();
		List<List<Double>> ratiosOfPairs = pairs.stream()
			.map((pair) -> pair.stream().map(Turn::ratio).toList())
			.toList();
		List<Double> ratios = ratiosOfPairs.stream().flatMap(List::stream).toList();
		double ratio = Statistics.median(ratios);
		Statistics.Interval interval = Statistics.medianIntervalOfGroups(ratiosOfPairs);
		String setting = "(" + this.threads + " client threads each, a new SSL context per connection, both "
				+ "applications at once; median of " + turns.size() + " turns of " + this.turnLength.toSeconds()
				+ " s in " + Format.plural(pairs.size(), "pair") + " of processes, after " + WARM_UP_TURNS
				+ " warm-up turns each)";
		this.bench.report()
			.add(Row.of(ITEM, MEASUREMENT + " " + setting, measured.name(), summary(turns, Turn::hotcert)));
		this.bench.report()
			.add(Row.of(ITEM, MEASUREMENT + " " + setting, baseline.name(), summary(turns, Turn::plain)));
		String perPair = ratiosOfPairs.stream()
			.map((pairRatios) -> Format.ratio(Statistics.median(pairRatios)))
			.collect(Collectors.joining(", "));
		double cpuRatio = Statistics.median(turns.stream().map(Turn::cpuRatio).toList());
		this.bench.report()
			.add(new Row(ITEM, "Handshake rate ratio, hotcert / static SSL", "Tomcat, Spring Boot 4.1.2",
					Format.ratio(ratio) + " (median of the ratios of " + ratios.size() + " turns, both applications "
							+ "at once, in " + Format.plural(pairs.size(), "pair") + " of processes; 95 % "
							+ "bootstrap interval of the median, resampling the pairs of processes and then their "
							+ "turns, " + Format.ratio(interval.low()) + " to " + Format.ratio(interval.high())
							+ "; median of each pair of processes: " + perPair
							+ "; server CPU per handshake, hotcert / static: " + Format.ratio(cpuRatio) + ")",
					"≥ 0.98", Row.Status.of(ratio >= 0.98)));
	}

	private static String summary(List<Turn> turns, Function<Turn, Side> side) {
		return Format.rate(Statistics.median(turns.stream().map(side).map(Side::perSecond).toList())) + ", "
				+ Format.millis(Statistics.median(turns.stream().map(side).map(Side::serverCpuMillis).toList()))
				+ " of server CPU per handshake";
	}

	/**
	 * Load both applications at once for one turn. Their client threads start one of each
	 * in turn; which of the two starts first alternates with the index of the turn, which
	 * counts from 0 among the warm-up turns and again among the measured turns.
	 */
	private Turn together(Deployment hotcert, Deployment plain, int index) throws InterruptedException {
		Load hotcertLoad = new Load(hotcert);
		Load plainLoad = new Load(plain);
		Load first = (index % 2 == 0) ? hotcertLoad : plainLoad;
		Load second = (first == hotcertLoad) ? plainLoad : hotcertLoad;
		long start = System.nanoTime();
		long end = start + this.turnLength.toNanos();
		List<Thread> clients = new ArrayList<>();
		for (int i = 0; i < this.threads; i++) {
			clients.add(first.client(end, i));
			clients.add(second.client(end, i));
		}
		clients.forEach(Thread::start);
		for (Thread client : clients) {
			client.join();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		return new Turn(hotcertLoad.side(seconds), plainLoad.side(seconds));
	}

	private static Duration cpu(Deployment deployment) {
		return ProcessHandle.of(deployment.app().pid())
			.flatMap((process) -> process.info().totalCpuDuration())
			.orElse(Duration.ZERO);
	}

	/**
	 * The client threads of one application during one turn, and the CPU its process
	 * used.
	 */
	private final class Load {

		private final Deployment deployment;

		private final int port;

		private final Duration cpuBefore;

		private final LongAdder handshakes = new LongAdder();

		private final LongAdder failures = new LongAdder();

		Load(Deployment deployment) {
			this.deployment = deployment;
			this.port = deployment.httpsPort();
			this.cpuBefore = cpu(deployment);
		}

		Thread client(long end, int number) {
			return new Thread(() -> {
				while (System.nanoTime() < end) {
					try {
						HandshakeThroughput.this.bench.client().handshake(this.port);
						this.handshakes.increment();
					}
					catch (IOException ex) {
						this.failures.increment();
					}
				}
			}, "handshake-" + this.deployment.app().variant().name() + "-" + number);
		}

		Side side(double seconds) {
			double cpuMillis = cpu(this.deployment).minus(this.cpuBefore).toNanos() / 1e6;
			if (this.failures.sum() > 0) {
				HandshakeThroughput.this.bench.report()
					.note("(" + ITEM + ") " + this.failures.sum() + " handshakes failed against "
							+ this.deployment.app().variant().name() + " in one turn");
			}
			return new Side(this.handshakes.sum() / seconds, cpuMillis / Math.max(this.handshakes.sum(), 1));
		}

	}

	/**
	 * One application during one turn.
	 *
	 * @param perSecond handshakes per second
	 * @param serverCpuMillis CPU time of the application's process per handshake, in
	 * milliseconds
	 */
	record Side(double perSecond, double serverCpuMillis) {

		@Override
		public String toString() {
			return Format.rate(this.perSecond) + " (" + Format.millis(this.serverCpuMillis) + " server CPU each)";
		}

	}

	/**
	 * One turn of handshakes against both applications at once.
	 *
	 * @param hotcert the application with hotcert
	 * @param plain the application with static SSL
	 */
	record Turn(Side hotcert, Side plain) {

		double ratio() {
			return this.hotcert.perSecond() / this.plain.perSecond();
		}

		double cpuRatio() {
			return this.hotcert.serverCpuMillis() / this.plain.serverCpuMillis();
		}

		String describe(Variant measured, Variant baseline) {
			return measured.name() + " " + this.hotcert + ", " + baseline.name() + " " + this.plain + ", ratio "
					+ Format.ratio(ratio());
		}

	}

}
