package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Item 3: full TLS handshakes per second against the application with hotcert and the
 * same application with static SSL and no hotcert. Both run side by side and are measured
 * in turns (ABBA order), so that a slower moment of the machine weighs on both; the ratio
 * is the median of the ratios of each pair of turns.
 */
final class HandshakeThroughput {

	static final int ITEM = 3;

	private static final String MEASUREMENT = "Full TLS handshakes per second";

	private static final int WARM_UP_TURNS = 3;

	private final Workbench bench;

	private final int threads;

	private final Duration turn;

	private final int pairs;

	HandshakeThroughput(Workbench bench, int threads, Duration turn, int pairs) {
		this.bench = bench;
		this.threads = threads;
		this.turn = turn;
		this.pairs = pairs;
	}

	void run(Variant measured, Variant baseline) {
		this.bench.progress("[3] %s against %s: %d pairs of %d s turns", measured.name(), baseline.name(), this.pairs,
				this.turn.toSeconds());
		try (Deployment hotcert = this.bench.deploy(measured); Deployment plain = this.bench.deploy(baseline)) {
			for (int i = 0; i < WARM_UP_TURNS; i++) {
				this.bench.progress("    warm-up turn %d, not counted: %s %s, %s %s", i + 1, measured.name(),
						rate(hotcert), baseline.name(), rate(plain));
			}
			List<Turn> hotcertTurns = new ArrayList<>();
			List<Turn> plainTurns = new ArrayList<>();
			for (int pair = 0; pair < this.pairs; pair++) {
				Turn hotcertTurn;
				Turn plainTurn;
				if (pair % 2 == 0) {
					hotcertTurn = rate(hotcert);
					plainTurn = rate(plain);
				}
				else {
					plainTurn = rate(plain);
					hotcertTurn = rate(hotcert);
				}
				hotcertTurns.add(hotcertTurn);
				plainTurns.add(plainTurn);
				this.bench.progress("    pair %d: %s %s, %s %s, ratio %s", pair + 1, measured.name(), hotcertTurn,
						baseline.name(), plainTurn, Format.ratio(hotcertTurn.perSecond() / plainTurn.perSecond()));
			}
			report(measured, baseline, hotcertTurns, plainTurns);
		}
		catch (Exception ex) {
			this.bench.failed(ITEM, MEASUREMENT, measured.name(), ex);
		}
	}

	private void report(Variant measured, Variant baseline, List<Turn> hotcertTurns, List<Turn> plainTurns) {
		List<Double> ratios = new ArrayList<>();
		List<Double> cpuRatios = new ArrayList<>();
		for (int i = 0; i < hotcertTurns.size(); i++) {
			ratios.add(hotcertTurns.get(i).perSecond() / plainTurns.get(i).perSecond());
			cpuRatios.add(hotcertTurns.get(i).serverCpuMillis() / plainTurns.get(i).serverCpuMillis());
		}
		double ratio = Statistics.median(ratios);
		String setting = "(" + this.threads + " client threads, a new SSL context per connection; median of "
				+ this.pairs + " turns of " + this.turn.toSeconds() + " s after " + WARM_UP_TURNS
				+ " warm-up turns each)";
		this.bench.report().add(Row.of(ITEM, MEASUREMENT + " " + setting, measured.name(), summary(hotcertTurns)));
		this.bench.report().add(Row.of(ITEM, MEASUREMENT + " " + setting, baseline.name(), summary(plainTurns)));
		String perPair = ratios.stream().map(Format::ratio).collect(Collectors.joining(", "));
		this.bench.report()
			.add(new Row(ITEM, "Handshake rate ratio, hotcert / static SSL", "Tomcat, Spring Boot 4.1.2",
					Format.ratio(ratio) + " (median of the ratios of " + ratios.size()
							+ " pairs of turns in ABBA order: " + perPair
							+ "; server CPU per handshake, hotcert / static: "
							+ Format.ratio(Statistics.median(cpuRatios)) + ")",
					"≥ 0.98", Row.Status.of(ratio >= 0.98)));
	}

	private static String summary(List<Turn> turns) {
		return Format.rate(Statistics.median(turns.stream().map(Turn::perSecond).toList())) + ", "
				+ Format.millis(Statistics.median(turns.stream().map(Turn::serverCpuMillis).toList()))
				+ " of server CPU per handshake";
	}

	private Turn rate(Deployment deployment) throws InterruptedException {
		LongAdder handshakes = new LongAdder();
		LongAdder failures = new LongAdder();
		int port = deployment.httpsPort();
		long end = System.nanoTime() + this.turn.toNanos();
		List<Thread> clients = new ArrayList<>();
		Duration cpuBefore = cpu(deployment);
		long start = System.nanoTime();
		for (int i = 0; i < this.threads; i++) {
			Thread client = new Thread(() -> {
				while (System.nanoTime() < end) {
					try {
						this.bench.client().handshake(port);
						handshakes.increment();
					}
					catch (IOException ex) {
						failures.increment();
					}
				}
			}, "handshake-" + i);
			clients.add(client);
			client.start();
		}
		for (Thread client : clients) {
			client.join();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		double cpuMillis = (cpu(deployment).minus(cpuBefore).toNanos() / 1e6);
		if (failures.sum() > 0) {
			this.bench.report()
				.note("(" + ITEM + ") " + failures.sum() + " handshakes failed against "
						+ deployment.app().variant().name() + " in one turn");
		}
		return new Turn(handshakes.sum() / seconds, cpuMillis / Math.max(handshakes.sum(), 1));
	}

	private static Duration cpu(Deployment deployment) {
		return ProcessHandle.of(deployment.app().pid())
			.flatMap((process) -> process.info().totalCpuDuration())
			.orElse(Duration.ZERO);
	}

	/**
	 * One turn of handshakes against one application.
	 *
	 * @param perSecond handshakes per second
	 * @param serverCpuMillis CPU time of the application's process per handshake, in
	 * milliseconds
	 */
	record Turn(double perSecond, double serverCpuMillis) {

		@Override
		public String toString() {
			return Format.rate(this.perSecond) + " (" + Format.millis(this.serverCpuMillis) + " server CPU each)";
		}

	}

}
