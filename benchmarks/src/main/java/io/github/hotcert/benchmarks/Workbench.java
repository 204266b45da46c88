package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What every measurement shares: the certificate authority, the client, a directory for
 * the processes' files, the report and progress output.
 */
final class Workbench {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

	private final CertificateAuthority authority = new CertificateAuthority(Clock.systemUTC());

	private final TlsClient client = new TlsClient(this.authority.certificate());

	private final Path directory;

	private final Report report;

	private final PrintStream progress;

	private int deployments;

	Workbench(Path directory, Report report, PrintStream progress) {
		this.directory = directory;
		this.report = report;
		this.progress = progress;
	}

	Path directory() {
		return this.directory;
	}

	CertificateAuthority authority() {
		return this.authority;
	}

	TlsClient client() {
		return this.client;
	}

	Report report() {
		return this.report;
	}

	/**
	 * Start a variant of the sample application on a new volume holding a new
	 * certificate.
	 * @param variant the application to start
	 * @return the running application and its volume
	 * @throws IOException if the application does not start
	 */
	Deployment deploy(Variant variant) throws IOException {
		Path home = home(variant);
		return deploy(variant, new SecretVolume(home.resolve("tls")), List.of(), home);
	}

	/**
	 * Start a variant of the sample application whose bundle {@code web} is read from the
	 * given files.
	 * @param variant the application to start
	 * @param files the files of bundle {@code web}, in the new directory of the
	 * deployment
	 * @param arguments more arguments
	 * @return the running application and its files
	 * @throws IOException if the application does not start
	 */
	Deployment deploy(Variant variant, Function<Path, CertificateFiles> files, List<String> arguments)
			throws IOException {
		Path home = home(variant);
		return deploy(variant, files.apply(home.resolve("tls")), arguments, home);
	}

	/**
	 * Start a variant of the sample application in a directory.
	 * @param variant the application to start
	 * @param files the files of bundle {@code web}
	 * @param arguments more arguments
	 * @param home the directory of the deployment, from {@link #home(Variant)}
	 * @return the running application and its files
	 * @throws IOException if the application does not start
	 */
	Deployment deploy(Variant variant, CertificateFiles files, List<String> arguments, Path home) throws IOException {
		progress("  starting %s (%s)", variant.name(), home);
		return Deployment.start(variant, files, arguments, home, this.authority, this.client);
	}

	/**
	 * Return a new directory for a deployment of a variant.
	 * @param variant the variant
	 * @return the directory (not created)
	 */
	Path home(Variant variant) {
		String name = String.format(Locale.ROOT, "%03d-%s", ++this.deployments,
				variant.name().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT));
		return this.directory.resolve(name);
	}

	/**
	 * Report a measurement that could not be made, and print why.
	 * @param item the item
	 * @param measurement what was to be measured
	 * @param variant the application
	 * @param ex why it failed
	 */
	void failed(int item, String measurement, String variant, Exception ex) {
		progress("[%d] %s, %s: not measured", item, measurement, variant);
		ex.printStackTrace(this.progress);
		this.report.add(Row.failed(item, measurement, variant, ex));
	}

	void progress(String format, Object... arguments) {
		this.progress.println(LocalTime.now().format(TIME) + " " + String.format(Locale.ROOT, format, arguments));
	}

	static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
