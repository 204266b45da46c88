package io.github.hotcert.actuate;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.hotcert.actuate.ActuatorClient.Response;
import io.github.hotcert.reload.HotcertStartedEvent;
import io.github.hotcert.testsupport.HeldValidator;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TlsClient;
import io.github.hotcert.validation.ValidationPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The validation of the material served at startup runs after the application started, on
 * a real Tomcat: while it runs, the server serves, and the endpoint, the health
 * indicator, the info contributor and the metrics say that the bundle is validating
 * rather than anything they do not know yet.
 */
class StartupValidationIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final TlsClient tls = TlsClient.create();

	@RegisterExtension
	final CertificatesApplication app = new CertificatesApplication();

	@Test
	void reportsValidatingUntilTheMaterialServedAtStartupIsValidated() throws Exception {
		this.app.startValidating(new Class<?>[] { HeldValidation.class },
				"management.endpoints.web.exposure.include=certificates,health,info,prometheus",
				"management.endpoint.health.show-details=always", "management.info.certificates.enabled=true");
		HeldValidator held = this.app.context().getBean(HeldValidator.class);
		assertThat(held.awaitHeld()).isTrue();
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(this.app.first().serialHex());
		JsonNode validating = this.app.web();
		assertThat(validating.path("validating").asBoolean()).isTrue();
		assertThat(validating.path("served").path("chain").path(0).path("serialNumber").asText())
			.as("what Spring Boot loaded at startup")
			.isEqualTo(this.app.first().serialHex());
		assertThat(absent(validating.path("lastReload"))).as("lastReload").isTrue();
		assertThat(absent(validating.path("pendingChange"))).as("pendingChange").isTrue();
		Response health = this.app.actuator().get("/actuator/health/certificates");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().path("status").asText()).isEqualTo("UNKNOWN");
		assertThat(health.json().path("details").path("web").path("validating").asBoolean()).isTrue();
		assertThat(health.json().path("details").path("web").path("role").asText()).isEqualTo("server");
		assertThat(health.json().path("details").path("web").size()).as("nothing but the role and validating")
			.isEqualTo(2);
		assertThat(this.app.actuator().get("/actuator/health").json().path("status").asText()).isEqualTo("UP");
		assertThat(this.app.actuator().get("/actuator/info").json().path("certificates").path("web").toString())
			.isEqualTo("{\"validating\":true}");
		assertThat(this.app.actuator().get("/actuator/prometheus").body())
			.contains("hotcert_reload_pending_change{bundle=\"web\"} NaN")
			.doesNotContain("hotcert_certificate_expiration_timestamp_seconds{");
		held.release();
		await().atMost(TIMEOUT).until(() -> !this.app.web().path("validating").asBoolean());
		JsonNode validated = this.app.web();
		assertThat(validated.path("served").path("chain").path(0).path("serialNumber").asText())
			.isEqualTo(this.app.first().serialHex());
		assertThat(validated.path("lastReload").path("trigger").asText()).isEqualTo("startup");
		assertThat(validated.path("pendingChange").asBoolean()).isFalse();
		assertThat(this.app.actuator().get("/actuator/health/certificates").json().path("status").asText())
			.isEqualTo("UP");
		assertThat(this.app.actuator().get("/actuator/prometheus").body())
			.contains("hotcert_reload_pending_change{bundle=\"web\"} 0.0")
			.contains("hotcert_certificate_expiration_timestamp_seconds{");
	}

	@Test
	void validatesAfterTheStartupDelayWhatTheFilesHoldThen() throws Exception {
		// Without the watcher, only the startup validation can find the change. An
		// argument outranks the build's hotcert.startup.delay=0s. A listener of
		// HotcertStartedEvent, published when the delay ends, holds the validation until
		// the files are replaced, however long that takes on a busy machine
		this.app.startValidating(new Class<?>[] { HeldStart.class }, "--hotcert.startup.delay=1s");
		HeldStart held = this.app.context().getBean(HeldStart.class);
		Issued second;
		try {
			second = this.app.issue("second.example");
			assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(this.app.first().serialHex());
			assertThat(this.app.web().path("validating").asBoolean()).isTrue();
			this.app.replacePem(second);
		}
		finally {
			held.release();
		}
		await().atMost(TIMEOUT).until(() -> !this.app.web().path("validating").asBoolean());
		JsonNode validated = this.app.web();
		assertThat(validated.path("lastReload").path("trigger").asText()).isEqualTo("startup");
		assertThat(validated.path("lastReload").path("outcome").asText()).isEqualTo("reloaded");
		assertThat(validated.path("served").path("chain").path(0).path("serialNumber").asText())
			.isEqualTo(second.serialHex());
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(second.serialHex());
	}

	private static boolean absent(JsonNode node) {
		return node.isNull() || node.isMissingNode();
	}

	/**
	 * Holds the startup validation, after the startup delay, until it is released.
	 */
	@Configuration(proxyBeanMethods = false)
	static class HeldStart {

		private final CountDownLatch released = new CountDownLatch(1);

		@Bean
		ApplicationListener<HotcertStartedEvent> holdStartupValidation() {
			return (event) -> {
				try {
					this.released.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			};
		}

		void release() {
			this.released.countDown();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HeldValidation {

		@Bean
		HeldValidator heldMaterialValidator(ValidationPolicy policy) {
			return new HeldValidator(policy);
		}

	}

}
