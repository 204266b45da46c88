package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.hotcert.benchmarks.CertificateAuthority.Material;
import io.github.hotcert.benchmarks.ChangedFiles.Kind;

/**
 * Item 7: changes other than a Kubernetes volume swap. A key store renamed into place is
 * atomic and is served at once; changes of two files one after the other are not atomic:
 * they must be served without ever serving a state in between and without reporting a
 * failure while the writer is still busy. A client makes a new connection every 10 ms
 * during the whole measurement and counts failed handshakes and certificates that were
 * never written.
 */
final class ChangeKinds {

	static final int ITEM = 7;

	private static final Duration PAUSE = Duration.ofMillis(500);

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private final Workbench bench;

	private final int rotations;

	ChangeKinds(Workbench bench, int rotations) {
		this.bench = bench;
		this.rotations = rotations;
	}

	void run(Variant variant) {
		for (Kind kind : Kind.values()) {
			String measurement = kind.description() + ": from the last write to the new certificate on a new "
					+ "handshake, rejections reported, failed handshakes";
			try {
				measure(variant, kind, measurement);
			}
			catch (Exception ex) {
				this.bench.failed(ITEM, measurement, variant.name(), ex);
			}
		}
	}

	private void measure(Variant variant, Kind kind, String measurement) throws IOException {
		this.bench.progress("[7] %s, %s: %d rotations", variant.name(), kind, this.rotations);
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
				report(variant, kind, measurement, record, rejections, prober);
			}
		}
	}

	private void report(Variant variant, Kind kind, String measurement, RotationRecord record, long rejections,
			Prober prober) {
		List<Double> seconds = record.seconds();
		double p50 = Statistics.percentile(seconds, 50);
		double p95 = Statistics.percentile(seconds, 95);
		String result = "p50 " + Format.seconds(p50) + ", p95 " + Format.seconds(p95) + " (" + this.rotations
				+ " rotations" + ((record.missed() > 0) ? ", " + record.missed() + " not served" : "") + "); "
				+ rejections + " rejections reported; " + prober.failures() + " failed of "
				+ Format.count(prober.handshakes()) + " handshakes, " + prober.unknown()
				+ " presenting a certificate that was never written";
		boolean safe = rejections == 0 && prober.failures() == 0 && prober.unknown() == 0 && record.missed() == 0;
		String target = "0 rejections, 0 failed handshakes";
		boolean met = safe;
		if (kind.atomic()) {
			target = RotationLatency.TARGET + ", " + target;
			met = safe && p50 < RotationLatency.TARGET_P50 && p95 < RotationLatency.TARGET_P95;
		}
		this.bench.report().add(new Row(ITEM, measurement, variant.name(), result, target, Row.Status.of(met)));
		this.bench.progress("    %s", result);
	}

	/**
	 * Makes a new connection every 10 ms on a thread of its own, and counts failed
	 * handshakes and certificates that were never written.
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
