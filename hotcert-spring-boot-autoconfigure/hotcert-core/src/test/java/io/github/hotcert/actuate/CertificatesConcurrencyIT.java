package io.github.hotcert.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.hotcert.actuate.ActuatorClient.Response;
import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadRequest;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.ReloadTrigger;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many reloads of one bundle at once, through the endpoint over real HTTP and from the
 * file watcher's entry point, against a real embedded Tomcat.
 */
class CertificatesConcurrencyIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final TlsClient tls = TlsClient.create();

	@RegisterExtension
	final CertificatesApplication app = new CertificatesApplication();

	@Test
	void concurrentPostsAndFileTriggeredReloadsLeaveAConsistentHistory() throws Exception {
		this.app.start(CertificatesApplication.OPEN_ACCESS, "hotcert.history.size=200");
		CertificateReloader reloader = this.app.context().getBean(CertificateReloader.class);
		Issued second = this.app.issue("second.example");
		int requests = 50;
		int fileTriggers = 5;
		ExecutorService executor = Executors.newFixedThreadPool(requests + fileTriggers);
		try {
			CountDownLatch ready = new CountDownLatch(requests + fileTriggers);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Response>> posts = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				posts.add(executor.submit(() -> {
					// Open the connection first, so that the requests arrive together
					this.app.actuator().get("/actuator/certificates/web");
					ready.countDown();
					go.await();
					return this.app.actuator().post("/actuator/certificates/web", "{}");
				}));
			}
			List<Future<ReloadResult>> watches = new ArrayList<>();
			for (int i = 0; i < fileTriggers; i++) {
				// What the file watcher calls when the files change
				watches.add(executor.submit(() -> {
					ready.countDown();
					go.await();
					return reloader.reload("web", ReloadRequest.of(ReloadTrigger.WATCH));
				}));
			}
			assertThat(ready.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			this.app.replacePem(second);
			go.countDown();
			List<JsonNode> responses = new ArrayList<>();
			for (Future<Response> post : posts) {
				Response response = post.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				assertThat(response.status()).isEqualTo(200);
				responses.add(response.json().path("bundles").path("web"));
			}
			for (Future<ReloadResult> watch : watches) {
				assertThat(watch.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).outcome()).isIn(ReloadOutcome.RELOADED,
						ReloadOutcome.UNCHANGED);
			}
			JsonNode web = this.app.web();
			List<JsonNode> history = new ArrayList<>();
			web.path("history").forEach(history::add);
			assertThat(history).hasSize(1 + requests + fileTriggers);
			assertThat(history.stream().filter((entry) -> entry.path("trigger").asText().equals("manual")))
				.hasSize(requests);
			assertThat(history.stream().filter((entry) -> entry.path("trigger").asText().equals("watch")))
				.hasSize(fileTriggers);
			assertThat(history.stream().filter((entry) -> entry.path("outcome").asText().equals("reloaded")))
				.singleElement()
				.satisfies((reload) -> {
					assertThat(reload.path("previousSerial").asText()).isEqualTo(this.app.first().serialHex());
					assertThat(reload.path("newSerial").asText()).isEqualTo(second.serialHex());
				});
			assertThat(history)
				.allSatisfy((entry) -> assertThat(entry.path("outcome").asText()).isIn("unchanged", "reloaded"));
			assertConsistentChain(history);
			assertThat(responses).allSatisfy((response) -> assertThat(history).contains(response));
			assertThat(web.path("reloads").asLong()).isOne();
			assertThat(web.path("rejections").asLong()).isZero();
			assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(second.serialHex());
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * Walking the history from the oldest entry, each reload starts from the certificate
	 * that the one before it left served, and the times never go back.
	 */
	private void assertConsistentChain(List<JsonNode> newestFirst) {
		String served = null;
		Instant time = Instant.MIN;
		for (int i = newestFirst.size() - 1; i >= 0; i--) {
			JsonNode entry = newestFirst.get(i);
			if (served != null) {
				assertThat(entry.path("previousSerial").asText()).as("entry %d", i).isEqualTo(served);
			}
			served = entry.path("newSerial").asText();
			Instant entryTime = Instant.parse(entry.path("time").asText());
			assertThat(entryTime).as("entry %d", i).isAfterOrEqualTo(time);
			time = entryTime;
		}
	}

}
