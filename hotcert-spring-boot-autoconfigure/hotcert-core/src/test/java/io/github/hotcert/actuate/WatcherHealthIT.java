package io.github.hotcert.actuate;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.hotcert.reload.CertificateReloadEvent;
import io.github.hotcert.testsupport.PemBundleDirectory;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watcher thread of a running application stuck in the reload of one bundle (a
 * listener of its reload event that does not return): it is replaced, the health of the
 * certificates says so, and a change to another bundle made afterwards is served.
 */
class WatcherHealthIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final TlsClient tls = TlsClient.create();

	@RegisterExtension
	final CertificatesApplication app = new CertificatesApplication();

	@Test
	void watcherStuckInAReloadIsReplacedAndReportedAndOtherBundlesStillReload() throws Exception {
		PemBundleDirectory slow = new PemBundleDirectory(this.app.directory().resolve("slow"))
			.write(this.app.issue("slow.example"));
		this.app.start(new Class<?>[] { BlockingListener.class },
				TestWebApplication.concat(slow.bundleProperties("slow"),
						new String[] { "hotcert.watch.mode=watch+poll", "hotcert.watch.quiet-period=50ms",
								"hotcert.watch.poll-interval=1h", "hotcert.watch.stall-timeout=2s",
								"management.endpoints.web.exposure.include=certificates,health",
								"management.endpoint.health.show-details=always" }));
		try {
			BlockingListener.block("slow");
			slow.replace(this.app.issue("slow-2.example"));
			JsonNode watcher = await().atMost(TIMEOUT)
				.until(this::watcher, (health) -> health.path("restarts").asInt() >= 1);
			assertThat(watcher.path("state").asText()).isEqualTo("watching");
			assertThat(watcher.path("problem").asText())
				.startsWith("The hotcert-watcher thread made no progress for more than 2s while acting on a "
						+ "change to the files of 'slow'");
			assertThat(watcher.path("since").asText()).isNotEmpty();
			Issued next = this.app.issue("next.example");
			this.app.replacePem(next);
			this.tls.awaitSerial(this.app.port(), next.serialHex(), TIMEOUT);
		}
		finally {
			BlockingListener.release();
		}
	}

	private JsonNode watcher() throws IOException, InterruptedException {
		return this.app.actuator()
			.get("/actuator/health/certificates")
			.json()
			.path("details")
			.path("web")
			.path("watcher");
	}

	@Configuration(proxyBeanMethods = false)
	static class BlockingListener {

		private static volatile String blocked;

		private static final CountDownLatch released = new CountDownLatch(1);

		static void block(String bundle) {
			blocked = bundle;
		}

		static void release() {
			released.countDown();
		}

		@Bean
		ApplicationListener<CertificateReloadEvent> blockingReloadListener() {
			return (event) -> {
				if (event.getResult().bundle().equals(blocked)) {
					try {
						released.await(60, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			};
		}

	}

}
