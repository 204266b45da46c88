package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.hotcert.benchmarks.CertificateAuthority.Material;
import io.github.hotcert.benchmarks.LoadGenerator.LoadResult;

/**
 * Item 2: failed requests while the certificate is rotated under load, and the same with
 * a private key that does not match its certificate written in the middle of the run.
 */
final class RotationsUnderLoad {

	static final int ITEM = 2;

	private static final Duration WARM_UP = Duration.ofSeconds(3);

	private static final Duration PAUSE = Duration.ofMillis(200);

	private final Workbench bench;

	private final int rotations;

	private final int threads;

	private final Duration mismatchHold;

	RotationsUnderLoad(Workbench bench, int rotations, int threads, Duration mismatchHold) {
		this.bench = bench;
		this.rotations = rotations;
		this.threads = threads;
		this.mismatchHold = mismatchHold;
	}

	/**
	 * Measure each subject in {@code trials} processes, alternating their order. Each
	 * process runs the rotations, then the rotations with a mismatched key.
	 * @param subjects what to measure
	 * @param trials how many processes of each subject
	 */
	void run(List<Subject> subjects, int trials) {
		Map<Subject, List<Phase>> plain = new LinkedHashMap<>();
		Map<Subject, List<Phase>> mismatched = new LinkedHashMap<>();
		subjects.forEach((subject) -> {
			plain.put(subject, new ArrayList<>());
			mismatched.put(subject, new ArrayList<>());
		});
		for (int trial = 0; trial < trials; trial++) {
			List<Subject> order = new ArrayList<>(subjects);
			if (trial % 2 == 1) {
				Collections.reverse(order);
			}
			for (Subject subject : order) {
				if (!plain.containsKey(subject)) {
					continue;
				}
				try {
					this.bench.progress("[2] %s, trial %d", subject.label(), trial + 1);
					trial(subject, plain.get(subject), mismatched.get(subject));
				}
				catch (Exception ex) {
					this.bench.failed(ITEM, measurement(false), subject.label(), ex);
					plain.remove(subject);
					mismatched.remove(subject);
				}
			}
		}
		plain.forEach((subject, phases) -> report(subject, phases, false));
		mismatched.forEach((subject, phases) -> report(subject, phases, true));
	}

	private void trial(Subject subject, List<Phase> plain, List<Phase> mismatched) throws IOException {
		List<Material> plainMaterial = issue();
		List<Material> mismatchMaterial = issue();
		Material mismatchedKey = this.bench.authority().issueWithMismatchedKey();
		try (Deployment deployment = this.bench.deploy(subject.variant())) {
			deployment.warmUp(20);
			try (LoadGenerator load = new LoadGenerator(this.bench.client(), deployment.httpsPort(), this.threads)) {
				Workbench.pause(WARM_UP);
				plain.add(phase(subject, deployment, load, plainMaterial, null));
				Workbench.pause(WARM_UP);
				mismatched.add(phase(subject, deployment, load, mismatchMaterial, mismatchedKey));
			}
		}
	}

	/**
	 * Issue the certificates of one series of rotations before the load starts, so that
	 * the benchmark's own key generation does not slow the rotations down.
	 * @return the material of each rotation
	 */
	private List<Material> issue() {
		List<Material> material = new ArrayList<>();
		for (int i = 0; i < this.rotations; i++) {
			material.add(this.bench.authority().issue());
		}
		return material;
	}

	private Phase phase(Subject subject, Deployment deployment, LoadGenerator load, List<Material> material,
			Material mismatchedKey) {
		boolean mismatch = mismatchedKey != null;
		load.reset();
		long start = System.nanoTime();
		RotationRecord record = new RotationRecord();
		String mismatchOutcome = null;
		for (int i = 0; i < this.rotations; i++) {
			if (mismatch && i == this.rotations / 2) {
				record.note("mismatched key," + Instant.now() + "," + mismatchedKey.serial().toString(16) + ",");
				mismatchOutcome = writeMismatchedKey(deployment, mismatchedKey);
			}
			record.observe(deployment, deployment.rotate(material.get(i)), subject.timeout());
			Workbench.pause(PAUSE);
		}
		record.keep(deployment, mismatch ? "rotations-under-load-mismatched-key.csv" : "rotations-under-load.csv");
		List<Double> seconds = record.seconds();
		int missed = record.missed();
		LoadResult result = load.result();
		double elapsed = (System.nanoTime() - start) / 1e9;
		Phase phase = new Phase(result, seconds, missed, elapsed, mismatchOutcome);
		this.bench.progress("    %s%d of %d requests failed (%s), %d rotations not served, %.0f s",
				mismatch ? "mismatched key: " : "", result.failures(), result.requests(), result.failureKinds(), missed,
				elapsed);
		return phase;
	}

	private String writeMismatchedKey(Deployment deployment, Material mismatched) {
		BigInteger before = servedSerial(deployment);
		deployment.write(mismatched);
		Workbench.pause(this.mismatchHold);
		try {
			BigInteger after = this.bench.client().servedSerial(deployment.httpsPort());
			if (after.equals(mismatched.serial())) {
				return "the mismatched certificate was being served at the end of the " + seconds(this.mismatchHold);
			}
			return after.equals(before)
					? "the previous certificate was still served at the end of the " + seconds(this.mismatchHold)
					: "another certificate was served at the end of the " + seconds(this.mismatchHold);
		}
		catch (IOException ex) {
			return "new handshakes failed at the end of the " + seconds(this.mismatchHold) + " (" + ex + ")";
		}
	}

	private BigInteger servedSerial(Deployment deployment) {
		try {
			return this.bench.client().servedSerial(deployment.httpsPort());
		}
		catch (IOException ex) {
			return BigInteger.ZERO;
		}
	}

	private static String seconds(Duration duration) {
		return duration.toSeconds() + " s hold";
	}

	private String measurement(boolean mismatch) {
		return "Failed requests during " + this.rotations + " rotations under load (" + this.threads
				+ " client threads, half of the requests on new connections)"
				+ (mismatch ? ", with a mismatched key written after rotation " + this.rotations / 2 : "");
	}

	private void report(Subject subject, List<Phase> phases, boolean mismatch) {
		long failures = phases.stream().mapToLong((phase) -> phase.load().failures()).sum();
		long requests = phases.stream().mapToLong((phase) -> phase.load().requests()).sum();
		long newConnections = phases.stream().mapToLong((phase) -> phase.load().newConnectionRequests()).sum();
		long newConnectionFailures = phases.stream().mapToLong((phase) -> phase.load().newConnectionFailures()).sum();
		int missed = phases.stream().mapToInt(Phase::missed).sum();
		List<Double> latencies = phases.stream().flatMap((phase) -> phase.seconds().stream()).toList();
		StringBuilder result = new StringBuilder();
		double seconds = phases.stream().mapToDouble(Phase::elapsedSeconds).sum();
		result.append(Format.count(failures))
			.append(" failed of ")
			.append(Format.count(requests))
			.append(" requests (")
			.append(Format.rate(requests / seconds))
			.append(")");
		if (phases.size() > 1) {
			result.append(" (")
				.append(phases.size())
				.append(" trials: ")
				.append(phases.stream()
					.map((phase) -> Format.count(phase.load().failures()))
					.collect(Collectors.joining(", ")))
				.append(")");
		}
		long keepAliveFailures = failures - newConnectionFailures;
		long reconnectFailures = phases.stream().mapToLong((phase) -> phase.load().reconnectFailures()).sum();
		result.append("; on new connections ")
			.append(Format.count(newConnectionFailures))
			.append(" of ")
			.append(Format.count(newConnections));
		if (keepAliveFailures > 0) {
			result.append("; on keep-alive connections ")
				.append(Format.count(keepAliveFailures))
				.append(", of which ")
				.append(Format.count(reconnectFailures))
				.append(" while opening the connection again after the server closed it");
		}
		result.append("; ").append(Format.count((long) this.rotations * phases.size() - missed)).append(" of ");
		result.append(Format.count((long) this.rotations * phases.size())).append(" rotations served");
		if (!latencies.isEmpty()) {
			result.append(", p50 ")
				.append(Format.seconds(Statistics.percentile(latencies, 50)))
				.append(" / p95 ")
				.append(Format.seconds(Statistics.percentile(latencies, 95)));
		}
		if (mismatch) {
			result.append("; ")
				.append(phases.stream().map(Phase::mismatchOutcome).distinct().collect(Collectors.joining("; ")));
		}
		boolean met = failures == 0 && missed == 0;
		this.bench.report()
			.add(subject.target()
					? new Row(ITEM, measurement(mismatch), subject.label(), result.toString(), "0 failures",
							Row.Status.of(met))
					: Row.of(ITEM, measurement(mismatch), subject.label(), result.toString()));
		if (failures > 0) {
			Map<String, Long> kinds = new LinkedHashMap<>();
			phases.forEach((phase) -> phase.load()
				.failureKinds()
				.forEach((kind, count) -> kinds.merge(kind, count, Long::sum)));
			this.bench.report()
				.note("(" + ITEM + ") " + subject.label() + (mismatch ? ", mismatched key" : "")
						+ ": the failures were "
						+ kinds.entrySet()
							.stream()
							.map((entry) -> Format.count(entry.getValue()) + " × " + entry.getKey())
							.collect(Collectors.joining("; ")));
		}
	}

	/**
	 * One application to measure.
	 *
	 * @param variant the application
	 * @param label how it is named in the report
	 * @param timeout how long to wait for a rotation to be served before counting it as
	 * not served
	 * @param target whether the zero-failure target applies
	 */
	record Subject(Variant variant, String label, Duration timeout, boolean target) {

	}

	/**
	 * What happened during one series of rotations.
	 *
	 * @param load the requests and failures
	 * @param seconds how long each rotation took to be served
	 * @param missed how many rotations were not served in time
	 * @param elapsedSeconds how long the series took
	 * @param mismatchOutcome what a new handshake got after the mismatched key was
	 * written
	 */
	record Phase(LoadResult load, List<Double> seconds, int missed, double elapsedSeconds, String mismatchOutcome) {

	}

}
