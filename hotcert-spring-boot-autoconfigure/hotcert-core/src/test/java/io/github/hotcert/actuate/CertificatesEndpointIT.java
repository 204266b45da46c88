package io.github.hotcert.actuate;

import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.hotcert.actuate.ActuatorClient.Response;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.ssl.SslBundles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code certificates} endpoint over real HTTP, on a management port bound to
 * loopback, in front of a real embedded Tomcat whose served certificate is read with real
 * handshakes.
 */
class CertificatesEndpointIT {

	private final TlsClient tls = TlsClient.create();

	@RegisterExtension
	final CertificatesApplication app = new CertificatesApplication();

	@Test
	void getDescribesServedCertificateSourceConsumersAndHistory() throws Exception {
		this.app.start();
		Response response = this.app.actuator().get("/actuator/certificates");
		assertThat(response.status()).isEqualTo(200);
		JsonNode web = response.json().path("bundles").path("web");
		JsonNode leaf = web.path("served").path("chain").path(0);
		X509Certificate certificate = this.app.first().certificate();
		assertThat(leaf.path("subject").asText()).isEqualTo("CN=first.example");
		assertThat(leaf.path("issuer").asText()).isEqualTo("CN=hotcert test CA");
		assertThat(leaf.path("serialNumber").asText()).isEqualTo(this.app.first().serialHex());
		assertThat(Instant.parse(leaf.path("notBefore").asText())).isEqualTo(certificate.getNotBefore().toInstant());
		assertThat(Instant.parse(leaf.path("notAfter").asText())).isEqualTo(certificate.getNotAfter().toInstant());
		assertThat(leaf.path("secondsUntilExpiry").asLong()).isBetween(Duration.ofDays(89).toSeconds(),
				Duration.ofDays(90).toSeconds());
		assertThat(leaf.path("expired").asBoolean()).isFalse();
		assertThat(texts(leaf.path("subjectAlternativeNames"))).containsExactly("DNS:localhost", "IP:127.0.0.1");
		assertThat(leaf.path("sha256Fingerprint").asText()).isEqualTo(sha256(certificate.getEncoded()));
		assertThat(leaf.path("keyAlgorithm").asText()).isEqualTo("EC");
		assertThat(leaf.path("keySize").asInt()).isEqualTo(256);
		assertThat(texts(leaf.path("extendedKeyUsage"))).containsExactly("serverAuth", "clientAuth");
		assertThat(web.path("served").path("chain").path(1).path("subject").asText()).isEqualTo("CN=hotcert test CA");
		assertThat(texts(web.path("served").path("chain").path(1).path("keyUsage"))).contains("keyCertSign");
		JsonNode source = web.path("source");
		assertThat(source.path("type").asText()).isEqualTo("pem");
		JsonNode location = source.path("locations").path(0);
		assertThat(location.path("property").asText()).isEqualTo("spring.ssl.bundle.pem.web.keystore.certificate");
		assertThat(location.path("path").asText()).isEqualTo(this.app.certificate().toString());
		assertThat(location.path("sha256").asText()).isEqualTo(sha256(Files.readAllBytes(this.app.certificate())));
		assertThat(Instant.parse(location.path("lastModified").asText()))
			.isEqualTo(Files.getLastModifiedTime(this.app.certificate()).toInstant());
		assertThat(source.path("locations").path(1).path("path").asText()).isEqualTo(this.app.privateKey().toString());
		assertThat(source.path("contentHash").asText()).isEqualTo(web.path("served").path("contentHash").asText());
		assertThat(source.path("differsFromServed").asBoolean()).isFalse();
		assertThat(texts(web.path("consumers")))
			.containsExactly("tomcat https port " + this.app.port() + " (default host)");
		assertThat(web.path("role").asText()).isEqualTo("server");
		assertThat(web.path("sslContexts").asInt()).as("Tomcat reads the stores of the bundle").isZero();
		assertThat(web.path("lastReload").path("trigger").asText()).isEqualTo("startup");
		assertThat(web.path("lastReload").path("outcome").asText()).isEqualTo("unchanged");
		assertThat(web.path("reloads").asLong()).isZero();
		assertThat(web.path("rejections").asLong()).isZero();
		assertThat(web.path("history")).hasSize(1);

		Issued second = this.app.issue("second.example");
		this.app.replacePem(second);
		JsonNode changed = this.app.actuator().get("/actuator/certificates").json().path("bundles").path("web");
		assertThat(changed.path("source").path("differsFromServed").asBoolean()).isTrue();
		assertThat(changed.path("served").path("chain").path(0).path("serialNumber").asText())
			.isEqualTo(this.app.first().serialHex());
	}

	@Test
	void getOfOneBundleDescribesItAndUnknownBundleIsNotFound() throws Exception {
		this.app.start();
		Response response = this.app.actuator().get("/actuator/certificates/web");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().path("served").path("chain").path(0).path("serialNumber").asText())
			.isEqualTo(this.app.first().serialHex());
		assertThat(response.json().path("history")).hasSize(1);
		assertThat(this.app.actuator().get("/actuator/certificates/unknown").status()).isEqualTo(404);
	}

	@Test
	void postIsRefusedUntilAccessIsOpened() throws Exception {
		this.app.start();
		Issued second = this.app.issue("second.example");
		this.app.replacePem(second);
		assertThat(this.app.actuator().post("/actuator/certificates", "{}").status()).isEqualTo(405);
		assertThat(this.app.actuator().post("/actuator/certificates/web", "{\"force\":true}").status()).isEqualTo(405);
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(this.app.first().serialHex());
		assertThat(this.app.web().path("history")).hasSize(1);
		assertThat(this.app.actuator().get("/actuator/certificates").status()).isEqualTo(200);
	}

	@Test
	void postReloadsChangedMaterial() throws Exception {
		this.app.start(CertificatesApplication.OPEN_ACCESS);
		Issued second = this.app.issue("second.example");
		this.app.replacePem(second);
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(this.app.first().serialHex());
		Response response = this.app.actuator().post("/actuator/certificates/web", "{}");
		assertThat(response.status()).isEqualTo(200);
		JsonNode result = response.json().path("bundles").path("web");
		assertThat(result.path("outcome").asText()).isEqualTo("reloaded");
		assertThat(result.path("trigger").asText()).isEqualTo("manual");
		assertThat(result.path("previousSerial").asText()).isEqualTo(this.app.first().serialHex());
		assertThat(result.path("newSerial").asText()).isEqualTo(second.serialHex());
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(second.serialHex());
		Response again = this.app.actuator().post("/actuator/certificates", "{}");
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().path("bundles").path("web").path("outcome").asText()).isEqualTo("unchanged");
		JsonNode web = this.app.web();
		assertThat(web.path("reloads").asLong()).isOne();
		assertThat(web.path("history")).hasSize(3);
		assertThat(web.path("source").path("differsFromServed").asBoolean()).isFalse();
	}

	@Test
	void postWithEmptyBodyReloads() throws Exception {
		this.app.start(CertificatesApplication.OPEN_ACCESS);
		Issued second = this.app.issue("second.example");
		this.app.replacePem(second);
		Response response = this.app.actuator().postWithoutBody("/actuator/certificates/web");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().path("bundles").path("web").path("outcome").asText()).isEqualTo("reloaded");
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(second.serialHex());
	}

	@Test
	void dryRunValidatesWhatIsOnDiskAndChangesNothing() throws Exception {
		this.app.start(CertificatesApplication.OPEN_ACCESS);
		Issued second = this.app.issue("second.example");
		this.app.replacePem(second);
		Response valid = this.app.actuator().post("/actuator/certificates/web", "{\"dryRun\":true}");
		assertThat(valid.status()).isEqualTo(200);
		assertThat(valid.json().path("dryRun").asBoolean()).isTrue();
		JsonNode result = valid.json().path("bundles").path("web");
		assertThat(result.path("outcome").asText()).isEqualTo("valid");
		assertThat(result.path("previousSerial").asText()).isEqualTo(this.app.first().serialHex());
		assertThat(result.path("newSerial").asText()).isEqualTo(second.serialHex());
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(this.app.first().serialHex());
		JsonNode web = this.app.web();
		assertThat(web.path("reloads").asLong()).isZero();
		assertThat(web.path("pendingChange").asBoolean()).isTrue();
		assertThat(web.path("source").path("differsFromServed").asBoolean()).isTrue();

		this.app.writeMismatchedKey();
		Response rejected = this.app.actuator().post("/actuator/certificates", "{\"dryRun\":true}");
		assertThat(rejected.status()).isEqualTo(422);
		assertThat(rejected.json().path("bundles").path("web").path("outcome").asText()).isEqualTo("rejected");
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(this.app.first().serialHex());
	}

	@Test
	void forceReappliesUnchangedMaterial() throws Exception {
		this.app.start(CertificatesApplication.OPEN_ACCESS);
		AtomicInteger published = new AtomicInteger();
		this.app.context()
			.getBean(SslBundles.class)
			.addBundleUpdateHandler("web", (bundle) -> published.incrementAndGet());
		Response unchanged = this.app.actuator().post("/actuator/certificates/web", "{}");
		assertThat(unchanged.json().path("bundles").path("web").path("outcome").asText()).isEqualTo("unchanged");
		assertThat(published).hasValue(0);
		Response forced = this.app.actuator().post("/actuator/certificates/web", "{\"force\":true}");
		assertThat(forced.status()).isEqualTo(200);
		assertThat(forced.json().path("force").asBoolean()).isTrue();
		JsonNode result = forced.json().path("bundles").path("web");
		assertThat(result.path("outcome").asText()).isEqualTo("reloaded");
		assertThat(result.path("previousSerial").asText()).isEqualTo(this.app.first().serialHex());
		assertThat(result.path("newSerial").asText()).isEqualTo(this.app.first().serialHex());
		assertThat(published).hasValue(1);
		assertThat(this.app.web().path("reloads").asLong()).isOne();
		assertThat(this.tls.get(this.app.port(), "/").body()).isEqualTo("ok");
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(this.app.first().serialHex());
	}

	@Test
	void rejectedReloadAnswers422WithTheReason() throws Exception {
		this.app.start(CertificatesApplication.OPEN_ACCESS);
		this.app.writeMismatchedKey();
		Response response = this.app.actuator().post("/actuator/certificates/web", "{}");
		assertThat(response.status()).isEqualTo(422);
		JsonNode result = response.json().path("bundles").path("web");
		assertThat(result.path("outcome").asText()).isEqualTo("rejected");
		assertThat(result.path("reason").asText()).isEqualTo("key-match");
		assertThat(result.path("message").asText()).contains("does not match certificate CN=third.example")
			.contains(this.app.privateKey().toString());
		assertThat(result.path("previousSerial").asText()).isEqualTo(this.app.first().serialHex());
		assertThat(result.path("findings").path(0).path("check").asText()).isEqualTo("key-match");
		assertThat(result.path("findings").path(0).path("severity").asText()).isEqualTo("reject");
		assertThat(this.app.actuator().post("/actuator/certificates", "{\"force\":true}").status()).isEqualTo(422);
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(this.app.first().serialHex());
		assertThat(this.tls.get(this.app.port(), "/").body()).isEqualTo("ok");
		JsonNode web = this.app.web();
		assertThat(web.path("rejections").asLong()).isEqualTo(2);
		assertThat(web.path("lastReload").path("reason").asText()).isEqualTo("key-match");
	}

	@Test
	void postToUnknownBundleIsNotFound() throws Exception {
		this.app.start(CertificatesApplication.OPEN_ACCESS);
		assertThat(this.app.actuator().post("/actuator/certificates/unknown", "{}").status()).isEqualTo(404);
		assertThat(this.app.web().path("history")).hasSize(1);
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((node) -> texts.add(node.asText()));
		return texts;
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
