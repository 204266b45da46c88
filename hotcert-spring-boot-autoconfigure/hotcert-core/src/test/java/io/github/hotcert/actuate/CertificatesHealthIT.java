package io.github.hotcert.actuate;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.hotcert.actuate.ActuatorClient.Response;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code certificates} health indicator over real HTTP, on a management port bound to
 * loopback.
 */
class CertificatesHealthIT {

	private final TlsClient tls = TlsClient.create();

	@RegisterExtension
	final CertificatesApplication app = new CertificatesApplication();

	@Test
	void healthReportsWarningsOverHttpAndStaysUp() throws Exception {
		this.app.start(CertificatesApplication.OPEN_ACCESS,
				"management.endpoints.web.exposure.include=certificates,health",
				"management.endpoint.health.show-details=always");
		Response healthy = this.app.actuator().get("/actuator/health/certificates");
		assertThat(healthy.status()).isEqualTo(200);
		assertThat(healthy.json().path("status").asText()).isEqualTo("UP");
		assertThat(healthy.json().path("details").path("web").path("serialNumber").asText())
			.isEqualTo(this.app.first().serialHex());
		this.app.writeMismatchedKey();
		assertThat(this.app.actuator().post("/actuator/certificates/web", "{}").status()).isEqualTo(422);
		Response warned = this.app.actuator().get("/actuator/health/certificates");
		assertThat(warned.status()).isEqualTo(200);
		assertThat(warned.json().path("status").asText()).isEqualTo("UP");
		JsonNode web = warned.json().path("details").path("web");
		assertThat(web.path("lastReloadRejected").path("reason").asText()).isEqualTo("key-match");
		assertThat(web.path("notServed").asText()).contains("differs from the material served");
	}

	@Test
	void healthIsOutOfServiceWhenTheServedCertificateHasExpiredButLivenessIsUp() throws Exception {
		TestCertificates past = new TestCertificates(Clock.offset(Clock.systemUTC(), Duration.ofDays(-100)));
		Issued expired = past.issue(past.leaf("expired.example"), this.app.authority());
		PemFiles.replace(this.app.privateKey(), PemFiles.pkcs8(expired.keyPair().getPrivate()));
		PemFiles.replace(this.app.certificate(), PemFiles.certificates(expired.chain()));
		this.app.start("management.endpoints.web.exposure.include=certificates,health",
				"management.endpoint.health.show-details=always", "management.endpoint.health.probes.enabled=true");
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(expired.serialHex());
		Response health = this.app.actuator().get("/actuator/health/certificates");
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.json().path("status").asText()).isEqualTo("OUT_OF_SERVICE");
		assertThat(health.json().path("details").path("web").path("expired").path(0).asText())
			.contains("CN=expired.example serial " + expired.serialHex());
		Response overall = this.app.actuator().get("/actuator/health");
		assertThat(overall.status()).isEqualTo(503);
		assertThat(overall.json().path("status").asText()).isEqualTo("OUT_OF_SERVICE");
		assertThat(this.app.actuator().get("/actuator/health/liveness").status()).isEqualTo(200);
		JsonNode leaf = this.app.actuator()
			.get("/actuator/certificates/web")
			.json()
			.path("served")
			.path("chain")
			.path(0);
		assertThat(leaf.path("expired").asBoolean()).isTrue();
		assertThat(leaf.path("secondsUntilExpiry").asLong()).isNegative();
	}

}
