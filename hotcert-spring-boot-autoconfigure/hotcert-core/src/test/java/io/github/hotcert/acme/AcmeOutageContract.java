package io.github.hotcert.acme;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.hotcert.testsupport.RunningApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ApplicationEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an ACME bundle does when its CA goes away: orders are retried with a growing
 * backoff, the certificate it has keeps being served, and the endpoint, the metrics and,
 * once expiry nears, the health say why. One subclass per server.
 */
public abstract class AcmeOutageContract extends AcmePebbleContract {

	private static final int VALIDITY_SECONDS = 20;

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	@Test
	void keepsServingAndRetriesWithBackoffWhileTheCaIsDown() throws Exception {
		startPebble(VALIDITY_SECONDS);
		// Renewal when 60% of the lifetime is left (12 s), health DOWN below half of that
		// (6 s)
		this.application.start(() -> run(AcmeApplications.properties(this.pebble, this.directory.resolve("storage"),
				"hotcert.acme.bundle.web.renewal-ratio=0.6")));
		int port = this.application.port();
		List<AcmeOrderResult> failedOrders = new CopyOnWriteArrayList<>();
		this.application.context().addApplicationListener((ApplicationEvent event) -> {
			if (event instanceof AcmeOrderEvent order && order.getResult().outcome() == OrderOutcome.FAILED) {
				failedOrders.add(order.getResult());
			}
		});
		X509Certificate issued = this.client.awaitServed(port, (served) -> !TemporaryCertificate.isTemporary(served),
				TIMEOUT);
		this.pebble.stop();
		AcmeBundle bundle = this.application.getBean(AcmeBundles.class).getBundle("web");
		await().atMost(TIMEOUT).untilAsserted(() -> {
			AcmeBundleStatus status = bundle.getStatus();
			assertThat(failedOrders).as(() -> describe("orders that failed since the CA stopped", status))
				.hasSizeGreaterThanOrEqualTo(3);
			assertThat(status.getConsecutiveFailures()).as(() -> describe("failures in a row", status))
				.isGreaterThanOrEqualTo(3);
		});
		assertThat(this.client.servedCertificate(port)).as("the certificate it has keeps serving").isEqualTo(issued);
		List<AcmeOrderResult> failures = List.copyOf(failedOrders);
		assertThat(failures).allSatisfy((failure) -> {
			assertThat(failure.reason()).isEqualTo("unreachable");
			assertThat(failure.error()).contains("the CA cannot be reached");
		});
		for (int i = 1; i < failures.size(); i++) {
			Duration gap = Duration.between(failures.get(i - 1).time(), failures.get(i).time());
			assertThat(gap).as("time between failed orders %d and %d", i, i + 1)
				.isGreaterThanOrEqualTo(Duration.ofMillis(900));
		}
		JsonNode acme = AcmeApplications.json(this.application.context(), "/actuator/certificates/web").path("acme");
		assertThat(acme.path("state").asText()).isEqualTo("failing");
		assertThat(acme.path("ca").asText()).isEqualTo(this.pebble.directoryUrl());
		assertThat(acme.path("account").asText()).startsWith("https://127.0.0.1:");
		assertThat(acme.path("domains").get(0).asText()).isEqualTo(AcmeApplications.DOMAIN);
		assertThat(acme.path("consecutiveFailures").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(acme.path("lastOrder").path("outcome").asText()).isEqualTo("failed");
		assertThat(acme.path("lastOrder").path("reason").asText()).isEqualTo("unreachable");
		assertThat(acme.path("lastOrder").path("error").asText()).contains("the CA cannot be reached");
		assertThat(acme.path("nextRenewal").asText()).isNotEmpty();
		assertThat(acme.path("issued").asInt()).isEqualTo(1);
		String prometheus = AcmeApplications.prometheus(this.application.context());
		assertThat(sample(prometheus,
				"hotcert_acme_orders_total{bundle=\"web\",outcome=\"failed\",reason=\"unreachable\"}"))
			.isGreaterThanOrEqualTo(3);
		assertThat(sample(prometheus, "hotcert_acme_orders_total{bundle=\"web\",outcome=\"issued\",reason=\"none\"}"))
			.isEqualTo(1);
		assertThat(sample(prometheus, "hotcert_acme_consecutive_failures{bundle=\"web\"}")).isGreaterThanOrEqualTo(3);
		assertThat(sample(prometheus, "hotcert_acme_next_renewal_timestamp_seconds{bundle=\"web\"}"))
			.isGreaterThan(issued.getNotBefore().getTime() / 1000.0);
		// Down from 6 s before the expiry, for the coming expiry. A machine so busy that
		// the test gets here less than 3 s before it may only see it down for the expiry
		Instant expiry = issued.getNotAfter().toInstant();
		String[] reasons = Instant.now().isBefore(expiry.minusSeconds(3))
				? new String[] { "the certificate expires in" }
				: new String[] { "the certificate expires in", "the certificate expired at" };
		await().atMost(TIMEOUT).untilAsserted(() -> {
			JsonNode health = AcmeApplications.json(this.application.context(), "/actuator/health/acme");
			assertThat(health.path("status").asText()).isEqualTo("DOWN");
			assertThat(health.path("details").path("web").path("down").asText()).contains("orders failed")
				.containsAnyOf(reasons);
		});
		assertThat(this.client.servedCertificate(port)).isEqualTo(issued);
	}

	/**
	 * Describe what the bundle is doing, and what the thread of the ACME tasks is busy
	 * with, for a test that waited in vain.
	 */
	private static String describe(String what, AcmeBundleStatus status) {
		StringBuilder description = new StringBuilder(what).append("; state ")
			.append(status.getState())
			.append(", last order ")
			.append(status.getLastOrder())
			.append(", next attempt ")
			.append(status.getNextAttempt())
			.append(", plan ")
			.append(status.getPlan())
			.append(", waiting for ")
			.append(status.getWaitingFor());
		Thread.getAllStackTraces().forEach((thread, stack) -> {
			if (thread.getName().startsWith("hotcert-acme")) {
				description.append("\n").append(thread.getName()).append(' ').append(thread.getState());
				for (StackTraceElement element : stack) {
					description.append("\n\tat ").append(element);
				}
			}
		});
		return description.toString();
	}

	private static double sample(String prometheus, String series) {
		return prometheus.lines()
			.filter((line) -> line.startsWith(series + " "))
			.mapToDouble((line) -> Double.parseDouble(line.substring(series.length() + 1).trim()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No sample " + series + " in:\n" + prometheus));
	}

}
