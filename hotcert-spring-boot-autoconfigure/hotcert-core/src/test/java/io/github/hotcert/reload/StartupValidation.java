package io.github.hotcert.reload;

import java.time.Duration;

import org.springframework.context.ApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * The validation of the material served at startup, which runs after the application
 * started: waiting for its end, and putting a bundle in the state it has meanwhile.
 */
public final class StartupValidation {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private StartupValidation() {
	}

	/**
	 * Wait until every bundle of an application is validated. The file watcher is started
	 * by then.
	 * @param context the context of the application
	 */
	public static void awaitDone(ApplicationContext context) {
		CertificateReloader reloader = context.getBeanProvider(CertificateReloader.class).getIfAvailable();
		if (reloader != null) {
			await().atMost(TIMEOUT)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(10))
				.until(() -> reloader.getBundles().stream().noneMatch(ManagedBundle::isValidating));
		}
	}

	/**
	 * Put a bundle in the state it has while its startup material is validated.
	 * @param bundle the bundle
	 */
	public static void start(ManagedBundle bundle) {
		bundle.setValidating(true);
	}

}
