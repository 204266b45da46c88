package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Item 9: how soon the sample application serves a certificate it obtains from an ACME CA
 * (Pebble on loopback, HTTP-01 answered by the application): from {@code java -jar} on
 * empty storage to started (on its temporary certificate) and to the first HTTPS answer
 * with the issued certificate, then, restarted on that storage, to the first answer with
 * the stored certificate. Each start on empty storage is paired (ABBA order) with a start
 * of the same jar with static SSL, the time to its first HTTPS answer.
 */
final class AcmeIssuance {

	static final int ITEM = 9;

	static final String DOMAIN = "acme.hotcert.test";

	private static final String VARIANT = "hotcert ACME (Pebble, HTTP-01), Tomcat, Spring Boot 4.1.2";

	private static final Duration ISSUANCE_TIMEOUT = Duration.ofSeconds(120);

	private final Workbench bench;

	private final Path directory;

	private final int pairs;

	AcmeIssuance(Workbench bench, Path directory, int pairs) {
		this.bench = bench;
		this.directory = directory;
		this.pairs = pairs;
	}

	void run(Path jar, Variant baseline) {
		this.bench.progress("[9] ACME issuance against %s: %d pairs", baseline.name(), this.pairs);
		try (PebbleCa pebble = PebbleCa.start(this.directory.resolve("pebble"), this.bench.authority())) {
			TlsClient trustingPebble = new TlsClient(pebble.root());
			List<Double> started = new ArrayList<>();
			List<Double> issued = new ArrayList<>();
			List<Double> restarted = new ArrayList<>();
			List<Double> staticSsl = new ArrayList<>();
			List<Double> ratios = new ArrayList<>();
			for (int pair = 0; pair < this.pairs; pair++) {
				Path storage = this.directory.resolve("storage-" + (pair + 1));
				Variant acme = acme(jar, pebble, storage);
				double baselineTime = 0;
				if (pair % 2 == 1) {
					baselineTime = firstAnswer(baseline, this.bench.client());
				}
				double[] times = issue(acme, trustingPebble);
				if (pair % 2 == 0) {
					baselineTime = firstAnswer(baseline, this.bench.client());
				}
				double restart = firstAnswer(acme, trustingPebble);
				started.add(times[0]);
				issued.add(times[1]);
				restarted.add(restart);
				staticSsl.add(baselineTime);
				ratios.add(times[1] / baselineTime);
				this.bench.progress(
						"    pair %d: started %s, issued certificate served %s, restarted %s; static SSL %s", pair + 1,
						Format.seconds(times[0]), Format.seconds(times[1]), Format.seconds(restart),
						Format.seconds(baselineTime));
			}
			add("ACME, empty storage: from `java -jar` to started, serving the temporary certificate", VARIANT,
					started);
			add("ACME, empty storage: from `java -jar` to the first HTTPS answer with the certificate the CA issued",
					VARIANT, issued);
			add("ACME, certificate stored: from `java -jar` to the first HTTPS answer with it", VARIANT, restarted);
			add("Startup without ACME: from `java -jar` to the first HTTPS answer", baseline.name(), staticSsl);
			this.bench.report()
				.add(Row.of(ITEM, "ACME issuance ratio, first answer with the issued certificate / static SSL startup",
						"Tomcat, Spring Boot 4.1.2",
						Format.ratio(Statistics.median(ratios)) + " (median of the ratios of "
								+ Format.plural(this.pairs, "pair") + " of starts in ABBA order)"));
		}
		catch (Exception ex) {
			this.bench.failed(ITEM, "ACME issuance", VARIANT, ex);
		}
	}

	private void add(String measurement, String variant, List<Double> times) {
		this.bench.report()
			.add(Row.of(ITEM, measurement, variant,
					Format.seconds(Statistics.median(times)) + String.format(Locale.ROOT, " (median of %s; each: %s)",
							Format.plural(times.size(), "start"),
							times.stream().map(Format::seconds).collect(Collectors.joining(", ")))));
	}

	/**
	 * Start on empty storage; return the times to started and to the first answer with a
	 * certificate that validates to Pebble's root.
	 */
	private double[] issue(Variant acme, TlsClient trustingPebble) throws IOException {
		try (Deployment deployment = this.bench.deploy(acme)) {
			double started = since(deployment);
			awaitAnswer(deployment, trustingPebble);
			return new double[] { started, since(deployment) };
		}
	}

	private double firstAnswer(Variant variant, TlsClient client) throws IOException {
		try (Deployment deployment = this.bench.deploy(variant)) {
			awaitAnswer(deployment, client);
			return since(deployment);
		}
	}

	private static void awaitAnswer(Deployment deployment, TlsClient client) throws IOException {
		long deadline = System.nanoTime() + ISSUANCE_TIMEOUT.toNanos();
		while (true) {
			try (HttpsConnection connection = new HttpsConnection(client.connect(deployment.httpsPort()))) {
				int status = connection.get(true);
				if (status == 200) {
					return;
				}
				throw new IOException("The application answered " + status);
			}
			catch (IOException ex) {
				if (System.nanoTime() > deadline) {
					throw new IOException("No answer with a trusted certificate within " + ISSUANCE_TIMEOUT, ex);
				}
				Workbench.pause(Duration.ofMillis(20));
			}
		}
	}

	private static double since(Deployment deployment) {
		return (System.nanoTime() - deployment.app().startedNanos()) / 1e9;
	}

	private static Variant acme(Path jar, PebbleCa pebble, Path storage) {
		String prefix = "--hotcert.acme.bundle.acme.";
		return new Variant(VARIANT, jar,
				List.of("--spring.profiles.active=acme", prefix + "directory-url=" + pebble.directoryUrl(),
						prefix + "domains=" + DOMAIN, prefix + "terms-of-service-agreed=true",
						prefix + "storage=" + storage.toAbsolutePath(),
						prefix + "http-challenge-port=" + pebble.challengePort(),
						prefix + "http-challenge-address=127.0.0.1", prefix + "directory-ssl-bundle=pebble",
						"--spring.ssl.bundle.pem.pebble.truststore.certificate=" + pebble.trustFile()));
	}

}
