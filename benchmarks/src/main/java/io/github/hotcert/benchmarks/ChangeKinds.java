package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.hotcert.benchmarks.CertificateAuthority.Material;
import io.github.hotcert.benchmarks.ChangedFiles.Kind;

/**
 * Item 7: changes other than a Kubernetes volume swap. A key store renamed into place is
 * atomic and is served at once; changes of two files one after the other are not atomic:
 * they must be served without ever serving a state in between and without reporting a
 * failure while the writer is still busy. A client makes new connections, pausing 10 ms
 * after each, during the whole measurement and counts failed handshakes and certificates
 * that were never written. An atomic change has item 1's latency target and is measured,
 * as item 1, in several processes.
 */
final class ChangeKinds {

	static final int ITEM = 7;

	private static final Duration PAUSE = Duration.ofMillis(500);

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private final Workbench bench;

	private final int rotations;

	private final int atomicTrials;

	/**
	 * Create a new {@link ChangeKinds}.
	 * @param bench the workbench
	 * @param rotations the rotations of each process
	 * @param atomicTrials the processes that measure an atomic change, whose latency is
	 * judged as item 1's: the median of the trials' p50 and p95
	 */
	ChangeKinds(Workbench bench, int rotations, int atomicTrials) {
		this.bench = bench;
		this.rotations = rotations;
		this.atomicTrials = atomicTrials;
	}

	void run(Variant variant) {
		for (Kind kind : Kind.values()) {
			String measurement = kind.description() + ": from the last write to the new certificate on a new "
					+ "handshake, rejections reported, failed handshakes";
			try {
				List<Trial> trials = new ArrayList<>();
				int count = kind.atomic() ? this.atomicTrials : 1;
				for (int trial = 1; trial <= count; trial++) {
					trials.add(measure(variant, kind, trial));
				}
				report(variant, kind, measurement, trials);
			}
			catch (Exception ex) {
				this.bench.failed(ITEM, measurement, variant.name(), ex);
			}
		}
	}

	private Trial measure(Variant variant, Kind kind, int number) throws IOException {
		this.bench.progress("[7] %s, %s, trial %d: %d rotations", variant.name(), kind, number, this.rotations);
		try (Deployment deployment = this.bench.deploy(variant, (directory) -> new ChangedFiles(kind, directory),
				List.of())) {
			deployment.warmUp(Deployment.IN_SERVICE_HANDSHAKES);
			Set<BigInteger> written = ConcurrentHashMap.newKeySet();
			written.add(deployment.management().servedSerial(deployment.bundle()));
			RotationRecord record = new RotationRecord();
			try (Prober prober = new Prober(deployment, written)) {
				for (int i = 0; i < this.rotations; i++) {
					Material material = this.bench.authority().issue();
					written.add(material.serial());
					record.observe(deployment, deployment.rotate(material), TIMEOUT);
					Workbench.pause(PAUSE);
				}
				record.keep(deployment, "rotations-" + kind.name().toLowerCase() + ".csv");
				long rejections = deployment.management().rejections(deployment.bundle());
				List<Double> reloadMillis = deployment.management().watchedReloadMillis(deployment.bundle());
				Trial trial = new Trial(new RotationLatency.Trial(record.seconds(), record.missed()), rejections,
						prober.handshakes(), prober.failures(), prober.unknown(), reloadMillis);
				this.bench.progress("    p50 %s, p95 %s, %d rejections, %d failed handshakes, reloads' own p50 %s",
						Format.seconds(trial.latency().p50()), Format.seconds(trial.latency().p95()), rejections,
						prober.failures(), p50Millis(reloadMillis));
				return trial;
			}
		}
	}

	private void report(Variant variant, Kind kind, String measurement, List<Trial> trials) {
		List<RotationLatency.Trial> latencies = trials.stream().map(Trial::latency).toList();
		double p50 = Statistics.median(latencies.stream().map(RotationLatency.Trial::p50).toList());
		double p95 = Statistics.median(latencies.stream().map(RotationLatency.Trial::p95).toList());
		int missed = latencies.stream().mapToInt(RotationLatency.Trial::missed).sum();
		long rejections = trials.stream().mapToLong(Trial::rejections).sum();
		long handshakes = trials.stream().mapToLong(Trial::handshakes).sum();
		long failures = trials.stream().mapToLong(Trial::failures).sum();
		long unknown = trials.stream().mapToLong(Trial::unknown).sum();
		String rotations = (trials.size() == 1) ? this.rotations + " rotations"
				: "median of " + trials.size() + " trials of " + this.rotations + " rotations; p50 / p95 per trial: "
						+ RotationLatency.perTrial(latencies);
		String result = "p50 " + Format.seconds(p50) + ", p95 " + Format.seconds(p95) + " (" + rotations
				+ ((missed > 0) ? ", " + missed + " not served" : "") + "); " + rejections + " rejections reported; "
				+ failures + " failed of " + Format.count(handshakes) + " handshakes, " + unknown
				+ " presenting a certificate that was never written";
		List<Double> reloadMillis = trials.stream().flatMap((trial) -> trial.reloadMillis().stream()).toList();
		result += "; the reloads' own `durationMillis` p50 " + p50Millis(reloadMillis) + " (the last "
				+ Format.plural(reloadMillis.size(), "reload")
				+ " after a file change among the last 20 entries of the bundle's history"
				+ ((trials.size() == 1) ? "" : ", of " + trials.size() + " processes") + ")";
		boolean safe = rejections == 0 && failures == 0 && unknown == 0 && missed == 0;
		String target = "0 rejections, 0 failed handshakes";
		boolean met = safe;
		if (kind.atomic()) {
			target = RotationLatency.TARGET + ", " + target;
			met = safe && p50 < RotationLatency.TARGET_P50 && p95 < RotationLatency.TARGET_P95;
		}
		this.bench.report().add(new Row(ITEM, measurement, variant.name(), result, target, Row.Status.of(met)));
		this.bench.progress("    %s", result);
	}

	private static String p50Millis(List<Double> millis) {
		return millis.isEmpty() ? "none reported"
				: String.format(Locale.ROOT, "%.0f ms", Statistics.percentile(millis, 50));
	}

	/**
	 * The rotations of one process.
	 *
	 * @param latency the time each rotation took to be served, and how many were not
	 * served in time
	 * @param rejections the rejections the application reported
	 * @param handshakes the handshakes of the prober
	 * @param failures the handshakes of the prober that failed
	 * @param unknown the handshakes of the prober that presented a certificate that was
	 * never written
	 * @param reloadMillis the durations of the reloads in the bundle's history, newest
	 * first
	 */
	private record Trial(RotationLatency.Trial latency, long rejections, long handshakes, long failures, long unknown,
			List<Double> reloadMillis) {

	}

	/**
	 * Makes new connections on a thread of its own, pausing 10 ms after each, and counts
	 * failed handshakes and certificates that were never written.
	 */
	private static final class Prober implements AutoCloseable {

		private final Deployment deployment;

		private final Set<BigInteger> written;

		private final AtomicLong handshakes = new AtomicLong();

		private final AtomicLong failures = new AtomicLong();

		private final AtomicLong unknown = new AtomicLong();

		private final Thread thread;

		private volatile boolean running = true;

		Prober(Deployment deployment, Set<BigInteger> written) {
			this.deployment = deployment;
			this.written = written;
			this.thread = new Thread(this::probe, "prober");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		private void probe() {
			while (this.running) {
				try {
					BigInteger serial = this.deployment.client().servedSerial(this.deployment.httpsPort());
					if (!this.written.contains(serial)) {
						this.unknown.incrementAndGet();
					}
				}
				catch (IOException ex) {
					this.failures.incrementAndGet();
				}
				this.handshakes.incrementAndGet();
				Workbench.pause(Duration.ofMillis(10));
			}
		}

		long handshakes() {
			return this.handshakes.get();
		}

		long failures() {
			return this.failures.get();
		}

		long unknown() {
			return this.unknown.get();
		}

		@Override
		public void close() {
			this.running = false;
			try {
				this.thread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
