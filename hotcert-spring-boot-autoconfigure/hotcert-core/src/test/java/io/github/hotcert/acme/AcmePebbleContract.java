package io.github.hotcert.acme;

import java.nio.file.Path;
import java.time.Duration;

import io.github.hotcert.testsupport.FreePorts;
import io.github.hotcert.testsupport.Pebble;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the ACME contracts whose test starts a {@link Pebble} of its own share: the CA,
 * closed after the test, a TLS client for the domain, and how to start an application on
 * the server under test.
 */
public abstract class AcmePebbleContract {

	static final Duration TIMEOUT = Duration.ofSeconds(60);

	final TlsClient client = TlsClient.create().withServerName(AcmeApplications.DOMAIN);

	@TempDir
	Path directory;

	Pebble pebble;

	/**
	 * Start an application that serves {@code GET /} on this server, on port 0 and
	 * loopback.
	 * @param properties the properties
	 * @return the application context
	 */
	protected abstract ConfigurableApplicationContext run(String... properties);

	/**
	 * Start Pebble in the test's directory, validating HTTP-01 challenges on a free port.
	 * @param validitySeconds the validity of the certificates it issues
	 */
	void startPebble(int validitySeconds) {
		this.pebble = Pebble.start(this.directory.resolve("pebble"), validitySeconds, FreePorts.next());
	}

	@AfterEach
	void stopPebble() {
		if (this.pebble != null) {
			this.pebble.close();
		}
	}

}
