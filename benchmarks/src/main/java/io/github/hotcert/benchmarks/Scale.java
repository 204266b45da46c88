package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Item 8: the cost of a change with 1, 10, 100 and 1 000 bundles on each server, as SNI
 * host names where the server supports them and as plain bundles: one bundle rotated
 * again and again, then every bundle rotated at once (a storm), the startup time and the
 * heap by number of bundles, and the cost of an idle watcher's polls.
 */
final class Scale {

	static final int ITEM = 8;

	private static final Duration PAUSE = Duration.ofMillis(300);

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private static final double TARGET_RATIO = 1.5;

	private final Workbench bench;

	private final List<Integer> sizes;

	private final int rotations;

	private final Duration idleWindow;

	private final Duration stormTimeout;

	Scale(Workbench bench, List<Integer> sizes, int rotations, Duration idleWindow, Duration stormTimeout) {
		this.bench = bench;
		this.sizes = sizes;
		this.rotations = rotations;
		this.idleWindow = idleWindow;
		this.stormTimeout = stormTimeout;
	}

	void run(List<Server> servers) {
		boolean idleMeasured = false;
		for (Server server : servers) {
			Map<Integer, Measured> measured = new LinkedHashMap<>();
			for (int size : this.sizes) {
				boolean idle = !idleMeasured && size == this.sizes.get(this.sizes.size() - 1);
				try {
					measured.put(size, measure(server, size, idle));
					idleMeasured |= idle;
				}
				catch (Exception ex) {
					this.bench.failed(ITEM, "Rotating one bundle among " + size, server.label(), ex);
				}
			}
			if (!measured.isEmpty()) {
				new ScaleReport(this.bench.report(), ITEM, TARGET_RATIO).add(server.label(), server.describe(),
						measured);
			}
		}
	}

	private Measured measure(Server server, int size, boolean idle) throws IOException {
		this.bench.progress("[8] %s, %d %s", server.label(), size, server.describe());
		Path home = this.bench.home(server.variant());
		BundleSet bundles = new BundleSet(home.resolve("bundles"), server.serverNames() ? size : size - 1,
				server.serverNames(), this.bench.authority());
		try (Deployment deployment = this.bench.deploy(server.variant(), new SecretVolume(home.resolve("tls")),
				bundles.arguments(), home)) {
			double firstAnswer = Startup.firstAnswer(deployment);
			double validated = (deployment.app().awaitValidated(Duration.ofMinutes(5))
					- deployment.app().startedNanos()) / 1e9;
			double heap = Jcmd.collectAndMeasure(deployment.app().pid()).heapBytes();
			deployment.warmUp(10);
			List<Double> seconds = rotations(deployment, bundles);
			Storm storm = storm(deployment, bundles);
			double idleMillisPerPoll = idle ? idle(deployment) : Double.NaN;
			Measured result = new Measured(firstAnswer, validated, heap, seconds, storm, idleMillisPerPoll);
			this.bench.progress("    %s", result);
			return result;
		}
	}

	/**
	 * Rotate the first SNI host name's bundle, or {@code web}, and time each.
	 */
	private List<Double> rotations(Deployment deployment, BundleSet bundles) {
		List<Double> seconds = new ArrayList<>();
		for (int i = 0; i < this.rotations; i++) {
			CertificateAuthority.Material material = this.bench.authority().issue();
			long swapped;
			OptionalLong served;
			if (bundles.serverNames()) {
				swapped = bundles.rotate(1, material);
				served = deployment.awaitServed(BundleSet.serverName(1), material.serial(), TIMEOUT);
			}
			else {
				swapped = deployment.write(material);
				served = deployment.awaitServed(material.serial(), TIMEOUT);
			}
			if (served.isPresent()) {
				seconds.add((served.getAsLong() - swapped) / 1e9);
			}
			Workbench.pause(PAUSE);
		}
		return seconds;
	}

	/**
	 * Rotate every bundle at once, and wait until each serves its new certificate: an SNI
	 * host name on a new handshake, a plain bundle as the endpoint reports it.
	 */
	private Storm storm(Deployment deployment, BundleSet bundles) throws IOException {
		Management management = deployment.management();
		CertificateAuthority.Material web = bundles.serverNames() ? null : this.bench.authority().issue();
		long start = System.nanoTime();
		if (web != null) {
			deployment.write(web);
		}
		bundles.rotateAll(this.bench.authority());
		Map<String, Check> pending = new LinkedHashMap<>();
		for (int i = 1; i <= bundles.size(); i++) {
			BigInteger serial = bundles.serial(i);
			String name = "b" + i;
			String serverName = BundleSet.serverName(i);
			pending.put(name,
					bundles.serverNames()
							? () -> serial.equals(deployment.client().servedSerial(deployment.httpsPort(), serverName))
							: () -> serial.equals(management.servedSerial(name)));
		}
		if (web != null) {
			pending.put("web", () -> web.serial().equals(deployment.client().servedSerial(deployment.httpsPort())));
		}
		int total = pending.size();
		long deadline = start + this.stormTimeout.toNanos();
		long last = start;
		while (!pending.isEmpty() && System.nanoTime() < deadline) {
			Set<String> served = new LinkedHashSet<>();
			for (Map.Entry<String, Check> entry : pending.entrySet()) {
				if (entry.getValue().isServed()) {
					served.add(entry.getKey());
					last = System.nanoTime();
				}
			}
			served.forEach(pending::remove);
			if (!pending.isEmpty()) {
				Workbench.pause(Duration.ofMillis(100));
			}
		}
		return new Storm(total, pending.size(), (last - start) / 1e9);
	}

	/**
	 * The CPU time of the watcher's threads over a window without changes, per poll
	 * interval (10 s by default).
	 */
	private double idle(Deployment deployment) throws IOException {
		long pid = deployment.app().pid();
		long before = ThreadCpu.millis(pid, "hotcert-watcher");
		Workbench.pause(this.idleWindow);
		long used = ThreadCpu.millis(pid, "hotcert-watcher") - before;
		return used / (this.idleWindow.toSeconds() / 10.0);
	}

	/**
	 * Whether a bundle serves its new certificate.
	 */
	@FunctionalInterface
	private interface Check {

		boolean isServed() throws IOException;

	}

	/**
	 * A server measured with many bundles.
	 *
	 * @param variant the application
	 * @param label how it is named in the report
	 * @param serverNames whether the bundles are those of SNI host names
	 */
	record Server(Variant variant, String label, boolean serverNames) {

		String describe() {
			return this.serverNames ? "SNI host names" : "plain bundles";
		}

	}

	/**
	 * Every bundle rotated at once.
	 *
	 * @param bundles how many bundles were rotated
	 * @param missed how many were not served within the timeout
	 * @param seconds the time from the first swap until the last bundle was served
	 */
	record Storm(int bundles, int missed, double seconds) {

	}

	/**
	 * What was measured with one number of bundles.
	 *
	 * @param firstAnswer seconds from {@code java -jar} to the first HTTPS answer
	 * @param validated seconds from {@code java -jar} to the end of the startup
	 * validation
	 * @param heapBytes heap in use after a full collection
	 * @param seconds the time each rotation of one bundle took to be served
	 * @param storm the storm
	 * @param idleMillisPerPoll the CPU time of the idle watcher per poll interval, or NaN
	 */
	record Measured(double firstAnswer, double validated, double heapBytes, List<Double> seconds, Storm storm,
			double idleMillisPerPoll) {

		double p50() {
			return this.seconds.isEmpty() ? Double.NaN : Statistics.percentile(this.seconds, 50);
		}

		double p95() {
			return this.seconds.isEmpty() ? Double.NaN : Statistics.percentile(this.seconds, 95);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"first answer %.2f s, validated %.2f s, heap %s, rotation p50 %s / p95 %s, storm of %d: %d missed, "
							+ "%.2f s%s",
					this.firstAnswer, this.validated, Format.megabytes(this.heapBytes), Format.seconds(p50()),
					Format.seconds(p95()), this.storm.bundles(), this.storm.missed(), this.storm.seconds(),
					Double.isNaN(this.idleMillisPerPoll) ? ""
							: String.format(Locale.ROOT, ", idle watcher %.1f ms per poll", this.idleMillisPerPoll));
		}

		static String series(Map<Integer, Measured> measured, Function<Measured, String> value) {
			return measured.entrySet()
				.stream()
				.map((entry) -> Format.count(entry.getKey()) + ": " + value.apply(entry.getValue()))
				.collect(Collectors.joining("; "));
		}

	}

}
