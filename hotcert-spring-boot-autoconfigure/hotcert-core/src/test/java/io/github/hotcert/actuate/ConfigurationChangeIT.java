package io.github.hotcert.actuate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.hotcert.actuate.ActuatorClient.Response;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.ReloadTrigger;
import io.github.hotcert.reload.SslBundleRebinder;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration of a bundle changes while the application runs, the way a
 * configuration centre changes it (Spring Cloud binds the new properties, then hotcert's
 * {@link SslBundleRebinder} reloads the bundles they configure): PEM content written in
 * the configuration, new paths, a new key store password. Valid material is served on a
 * real handshake; material that is not valid is refused like files, and the certificate
 * served keeps being served. The endpoint names where the material comes from and never
 * shows it.
 */
class ConfigurationChangeIT {

	private static final String PREFIX = "spring.ssl.bundle.pem.web.keystore.";

	private final TlsClient tls = TlsClient.create();

	@RegisterExtension
	final CertificatesApplication app = new CertificatesApplication();

	@Test
	void materialPushedInTheConfigurationIsServedAndItsOriginIsReported() throws Exception {
		this.app.start(PREFIX + "certificate=" + PemFiles.certificates(this.app.first().chain()),
				PREFIX + "private-key=" + PemFiles.pkcs8(this.app.first().keyPair().getPrivate()));
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(this.app.first().serialHex());
		assertThat(origins(this.app.web())).containsExactly("configuration", "configuration");
		Issued pushed = this.app.issue("pushed.example");
		ReloadResult result = push(inline(pushed, pushed)).get(0);
		assertThat(result.trigger()).isEqualTo(ReloadTrigger.CONFIGURATION);
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.RELOADED);
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(pushed.serialHex());
		Response response = this.app.actuator().get("/actuator/certificates/web");
		assertThat(response.body()).doesNotContain("BEGIN", "PRIVATE KEY");
		JsonNode web = response.json();
		assertThat(web.path("lastReload").path("trigger").asText()).isEqualTo("configuration");
		assertThat(web.path("lastReload").path("newSerial").asText()).isEqualTo(pushed.serialHex());
		assertThat(origins(web)).containsExactly("configuration", "configuration");
		assertThat(web.path("source").path("locations").path(0).path("property").asText())
			.isEqualTo(PREFIX + "certificate");
		assertThat(web.path("source").path("locations").path(0).has("path")).isFalse();
		assertThat(web.path("source").path("differsFromServed").asBoolean()).isFalse();
	}

	@Test
	void pushedMaterialThatIsNotValidIsRefusedAndTheServedCertificateKeepsBeingServed() throws Exception {
		this.app.start(PREFIX + "certificate=" + PemFiles.certificates(this.app.first().chain()),
				PREFIX + "private-key=" + PemFiles.pkcs8(this.app.first().keyPair().getPrivate()));
		Issued pushed = this.app.issue("pushed.example");
		ReloadResult result = push(inline(pushed, this.app.issue("other.example"))).get(0);
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.REJECTED);
		assertThat(result.reason()).isEqualTo("key-match");
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(this.app.first().serialHex());
		JsonNode web = this.app.web();
		assertThat(web.path("served").path("chain").path(0).path("serialNumber").asText())
			.isEqualTo(this.app.first().serialHex());
		assertThat(web.path("lastReload").path("outcome").asText()).isEqualTo("rejected");
		assertThat(web.path("lastReload").path("message").asText()).contains("property " + PREFIX + "private-key")
			.doesNotContain("BEGIN");
		assertThat(web.path("pendingChange").asBoolean()).isTrue();
		assertThat(web.path("source").path("differsFromServed").asBoolean()).isTrue();
		Issued fixed = this.app.issue("fixed.example");
		assertThat(push(inline(fixed, fixed)).get(0).outcome()).isEqualTo(ReloadOutcome.RELOADED);
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(fixed.serialHex());
	}

	@Test
	void aBundleMovedToOtherFilesIsServedFromThemAndWatchedThere() throws Exception {
		this.app.start("hotcert.watch.mode=watch+poll", "hotcert.watch.quiet-period=50ms");
		assertThat(origins(this.app.web())).containsExactly("file", "file");
		Path moved = Files.createDirectories(this.app.directory().resolve("moved"));
		Issued second = this.app.issue("second.example");
		Path certificate = Files.writeString(moved.resolve("tls.crt"), PemFiles.certificates(second.chain()));
		Path key = Files.writeString(moved.resolve("tls.key"), PemFiles.pkcs8(second.keyPair().getPrivate()));
		Map<String, Object> paths = Map.of(PREFIX + "certificate", certificate.toString(), PREFIX + "private-key",
				key.toString());
		assertThat(push(paths).get(0).outcome()).isEqualTo(ReloadOutcome.RELOADED);
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(second.serialHex());
		assertThat(this.app.web().path("source").path("locations").path(0).path("path").asText())
			.isEqualTo(certificate.toString());
		Issued third = this.app.issue("third.example");
		PemFiles.replace(key, PemFiles.pkcs8(third.keyPair().getPrivate()));
		PemFiles.replace(certificate, PemFiles.certificates(third.chain()));
		this.tls.awaitSerial(this.app.port(), third.serialHex(), Duration.ofSeconds(20));
		assertThat(this.app.awaitReloaded(third, Duration.ofSeconds(20)).trigger()).isIn(ReloadTrigger.WATCH,
				ReloadTrigger.POLL);
	}

	@Test
	void aKeyStoreMovedWithANewPasswordIsServedAndAWrongPasswordIsRefusedWithoutShowingIt() throws Exception {
		Path first = Files.write(this.app.directory().resolve("first.p12"),
				PemFiles.keyStore("PKCS12", "server", this.app.first(), "first-password-4c1d", "first-password-4c1d"));
		this.app.start("server.ssl.bundle=store", "spring.ssl.bundle.jks.store.keystore.location=" + first,
				"spring.ssl.bundle.jks.store.keystore.password=first-password-4c1d",
				"spring.ssl.bundle.jks.store.keystore.type=PKCS12");
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(this.app.first().serialHex());
		Issued second = this.app.issue("second.example");
		Path moved = Files.write(this.app.directory().resolve("second.p12"),
				PemFiles.keyStore("PKCS12", "server", second, "second-password-9e7a", "second-password-9e7a"));
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.ssl.bundle.jks.store.keystore.location", moved.toString());
		properties.put("spring.ssl.bundle.jks.store.keystore.password", "second-password-9e7a");
		assertThat(push(properties).get(0).outcome()).isEqualTo(ReloadOutcome.RELOADED);
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(second.serialHex());
		properties.put("spring.ssl.bundle.jks.store.keystore.password", "wrong-password-03bb");
		ReloadResult refused = push(properties).get(0);
		assertThat(refused.outcome()).isEqualTo(ReloadOutcome.REJECTED);
		assertThat(refused.reason()).isEqualTo("parse");
		assertThat(this.tls.servedSerial(this.app.port())).isEqualTo(second.serialHex());
		Response response = this.app.actuator().get("/actuator/certificates/store");
		assertThat(response.body()).contains("spring.ssl.bundle.jks.store.keystore.location")
			.doesNotContain("password-");
		assertThat(refused.message()).doesNotContain("password-");
	}

	/**
	 * Put properties in front of every other property source, as a configuration centre
	 * does, and tell hotcert which ones changed, as Spring Cloud does.
	 */
	private List<ReloadResult> push(Map<String, Object> properties) {
		String name = "pushed-" + System.nanoTime();
		this.app.context().getEnvironment().getPropertySources().addFirst(new MapPropertySource(name, properties));
		return this.app.context().getBean(SslBundleRebinder.class).rebind(properties.keySet());
	}

	private static Map<String, Object> inline(Issued certificate, Issued key) {
		return Map.of(PREFIX + "certificate", PemFiles.certificates(certificate.chain()), PREFIX + "private-key",
				PemFiles.pkcs8(key.keyPair().getPrivate()));
	}

	private static List<String> origins(JsonNode bundle) {
		return bundle.path("source").path("locations").findValuesAsText("origin");
	}

}
