package io.github.hotcert.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.hotcert.actuate.ActuatorClient.Response;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Audit events of reloads, recorded by Spring Boot's audit support and read through the
 * {@code auditevents} endpoint over real HTTP. An authentication filter on the management
 * server stands in for Spring Security.
 */
class CertificateReloadAuditIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final TlsClient tls = TlsClient.create();

	@RegisterExtension
	final CertificatesApplication app = new CertificatesApplication();

	@Test
	void everyReloadIsAuditedWithThePrincipalOrTheTrigger() throws Exception {
		this.app.start(new Class<?>[] { AuditConfiguration.class }, CertificatesApplication.OPEN_ACCESS,
				"hotcert.watch.mode=watch+poll", "hotcert.watch.quiet-period=50ms",
				"hotcert-test.principal-header=true",
				"management.endpoints.web.exposure.include=certificates,auditevents");
		Issued second = this.app.issue("second.example");
		this.app.replacePem(second);
		this.tls.awaitSerial(this.app.port(), second.serialHex(), TIMEOUT);
		Response forced = this.app.actuator()
			.withHeader(TestPrincipalManagementContextConfiguration.HEADER, "alice")
			.post("/actuator/certificates/web", "{\"force\":true}");
		assertThat(forced.json().path("bundles").path("web").path("principal").asText()).isEqualTo("alice");
		this.app.actuator().post("/actuator/certificates/web", "{\"dryRun\":true}");
		Response spoofed = this.app.actuator().post("/actuator/certificates/web", "{\"principal\":\"mallory\"}");
		assertThat(spoofed.status()).isEqualTo(400);
		Response response = this.app.actuator().get("/actuator/auditevents?type=CERTIFICATE_RELOAD");
		assertThat(response.status()).isEqualTo(200);
		List<JsonNode> events = new ArrayList<>();
		response.json().path("events").forEach(events::add);
		assertThat(events).hasSize(this.app.web().path("history").size());
		assertThat(events)
			.anySatisfy((event) -> assertAudit(event, "startup", "unchanged", this.app.first(), this.app.first()));
		assertThat(events).anySatisfy((event) -> assertAudit(event, "watch", "reloaded", this.app.first(), second));
		assertThat(events).anySatisfy((event) -> assertAudit(event, "alice", "reloaded", second, second));
		assertThat(events).anySatisfy((event) -> assertAudit(event, "manual", "valid", second, second));
		assertThat(response.body()).doesNotContain("mallory");
	}

	private static void assertAudit(JsonNode event, String principal, String outcome, Issued previous, Issued next) {
		assertThat(event.path("type").asText()).isEqualTo("CERTIFICATE_RELOAD");
		assertThat(event.path("principal").asText()).isEqualTo(principal);
		JsonNode data = event.path("data");
		assertThat(data.path("bundle").asText()).isEqualTo("web");
		assertThat(data.path("outcome").asText()).isEqualTo(outcome);
		assertThat(data.path("previousSerial").asText()).isEqualTo(previous.serialHex());
		assertThat(data.path("newSerial").asText()).isEqualTo(next.serialHex());
	}

	@Configuration(proxyBeanMethods = false)
	static class AuditConfiguration {

		@Bean
		InMemoryAuditEventRepository auditEventRepository() {
			return new InMemoryAuditEventRepository();
		}

	}

}
