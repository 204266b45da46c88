package io.github.hotcert.testsupport;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ManagedBundle;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.StartupValidation;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;

import static org.awaitility.Awaitility.await;

/**
 * A JUnit extension that holds the application a test starts and closes it: after the
 * test that started it, or after all tests of the class when it was started before them
 * (register it on a static field for that). Ports are read from the
 * {@code local.server.port} and {@code local.management.port} properties, which every
 * Spring Boot line sets, so that the tests of the core test jar run on each line.
 */
public final class RunningApplication implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	private ConfigurableApplicationContext context;

	private boolean inTest;

	private boolean startedInTest;

	/**
	 * Start a {@link TestWebApplication} with more configuration classes.
	 * @param sources more configuration classes
	 * @param properties properties of the application
	 * @return the application context
	 */
	public ConfigurableApplicationContext run(Class<?>[] sources, String... properties) {
		return start(() -> TestWebApplication.run(sources, properties));
	}

	/**
	 * Start a {@link TestWebApplication}.
	 * @param properties properties of the application
	 * @return the application context
	 */
	public ConfigurableApplicationContext run(String... properties) {
		return run(new Class<?>[0], properties);
	}

	/**
	 * Start an application, hold it until it is closed, and wait until hotcert has
	 * validated the material every bundle serves since startup, which it does after the
	 * application started.
	 * @param application starts the application and returns its context
	 * @return the application context
	 */
	public ConfigurableApplicationContext start(Supplier<ConfigurableApplicationContext> application) {
		ConfigurableApplicationContext context = startValidating(application);
		StartupValidation.awaitDone(context);
		return context;
	}

	/**
	 * Start an application and hold it until it is closed, without waiting for the
	 * validation of the material served since startup.
	 * @param application starts the application and returns its context
	 * @return the application context
	 */
	public ConfigurableApplicationContext startValidating(Supplier<ConfigurableApplicationContext> application) {
		Assert.state(this.context == null, "An application is already running");
		this.context = application.get();
		this.startedInTest = this.inTest;
		return this.context;
	}

	/**
	 * Return the context of the running application.
	 * @return the application context
	 */
	public ConfigurableApplicationContext context() {
		Assert.state(this.context != null, "No application is running");
		return this.context;
	}

	public <T> T getBean(Class<T> type) {
		return context().getBean(type);
	}

	/**
	 * Return the port of the web server.
	 * @return the port
	 */
	public int port() {
		return context().getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	/**
	 * Return the port of the management server.
	 * @return the port
	 */
	public int managementPort() {
		return context().getEnvironment().getRequiredProperty("local.management.port", Integer.class);
	}

	/**
	 * Wait until the last reload of a bundle ended with the given outcome.
	 * @param bundle the bundle name
	 * @param outcome the awaited outcome
	 * @param timeout how long to wait
	 * @return the result of that reload
	 */
	public ReloadResult awaitLastResult(String bundle, ReloadOutcome outcome, Duration timeout) {
		return awaitLastResult(bundle, outcome.toString(), (last) -> last.outcome() == outcome, timeout);
	}

	/**
	 * Wait until the last reload of a bundle meets a condition.
	 * @param bundle the bundle name
	 * @param description what is awaited, for the message of a timeout
	 * @param condition the condition
	 * @param timeout how long to wait
	 * @return the result of that reload
	 */
	public ReloadResult awaitLastResult(String bundle, String description, Predicate<ReloadResult> condition,
			Duration timeout) {
		ManagedBundle managed = getBean(CertificateReloader.class).getBundle(bundle);
		Assert.state(managed != null, () -> "hotcert does not manage bundle '" + bundle + "'");
		try {
			return await().atMost(timeout)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(20))
				.until(managed::getLastResult, (last) -> last != null && condition.test(last));
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("No reload of bundle '%s' ended %s within %s; last: %s".formatted(bundle,
					description, timeout, managed.getLastResult()), ex);
		}
	}

	/**
	 * Wait until the reload that installed a certificate is in the history of its bundle.
	 * The server serves a new certificate before hotcert records the reload, so a
	 * handshake that sees it does not mean that the reload's result is there yet. The
	 * history keeps the last {@code hotcert.history.size} results (20 by default).
	 * @param bundle the bundle name
	 * @param serialHex the serial number of the installed certificate, in lower case hex
	 * @param timeout how long to wait
	 * @return the result of that reload
	 */
	public ReloadResult awaitReloaded(String bundle, String serialHex, Duration timeout) {
		ManagedBundle managed = getBean(CertificateReloader.class).getBundle(bundle);
		Assert.state(managed != null, () -> "hotcert does not manage bundle '" + bundle + "'");
		Supplier<Optional<ReloadResult>> installed = () -> managed.getHistory()
			.stream()
			.filter(installed(serialHex))
			.findFirst();
		try {
			return await().atMost(timeout)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(20))
				.until(installed::get, Optional::isPresent)
				.get();
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("No reload of bundle '%s' installed serial %s within %s; history: %s"
				.formatted(bundle, serialHex, timeout, managed.getHistory()), ex);
		}
	}

	/**
	 * Return whether a reload installed the certificate with the given serial number.
	 * @param serialHex the serial number, in lower case hex
	 * @return the condition on a reload's result
	 */
	public static Predicate<ReloadResult> installed(String serialHex) {
		return (result) -> result.outcome() == ReloadOutcome.RELOADED && result.newCertificate() != null
				&& serialHex.equals(result.newCertificate().serialNumber());
	}

	/**
	 * Close the application now, if one is running.
	 */
	public void close() {
		if (this.context != null) {
			ConfigurableApplicationContext context = this.context;
			this.context = null;
			context.close();
		}
	}

	@Override
	public void beforeEach(ExtensionContext extensionContext) {
		this.inTest = true;
	}

	@Override
	public void afterEach(ExtensionContext extensionContext) {
		this.inTest = false;
		if (this.startedInTest) {
			this.startedInTest = false;
			close();
		}
	}

	@Override
	public void afterAll(ExtensionContext extensionContext) {
		close();
	}

}
