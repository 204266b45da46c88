package io.github.hotcert.actuate;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.hotcert.actuate.ActuatorClient.Response;
import io.github.hotcert.reload.CertificateReloadEvent;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.SslBundleRebinder;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives every part of hotcert's reporting (endpoint reads and writes, rejections,
 * health, info, audit events, application events, metrics and logs at TRACE) with three
 * bundles that hold secrets in different ways: an encrypted PEM key with its password, a
 * PKCS#12 key store with its password, and a PEM key written inline in a property, also
 * when the configuration of the last two is pushed again while the application runs (new
 * inline keys, a new key store password, a wrong one). Then searches everything that was
 * reported for the keys' PEM bodies, their encoded bytes, their private values and the
 * passwords.
 */
@ExtendWith(OutputCaptureExtension.class)
class CertificatesSecretLeakIT {

	private static final String KEY_PASSWORD = "pem-key-password-7f3a9c";

	private static final String STORE_PASSWORD = "store-password-2b8e41";

	private static final String OTHER_STORE_PASSWORD = "other-store-password-c5d019";

	private static final String PUSHED_STORE_PASSWORD = "pushed-store-password-61f2ae";

	private static final String WRONG_STORE_PASSWORD = "wrong-store-password-d84b07";

	private final TestCertificates certificates = TestCertificates.now();

	@TempDir
	Path directory;

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	private final List<PrivateKey> keys = new ArrayList<>();

	private final List<String> keyPems = new ArrayList<>();

	private final List<byte[]> keyStores = new ArrayList<>();

	@Test
	void noResponseLogLineEventOrMetricContainsKeyMaterialOrPasswords(CapturedOutput output) throws Exception {
		Issued authority = this.certificates.authority("hotcert test CA");
		Issued web = remember(this.certificates.issue(this.certificates.leaf("web.example"), authority));
		Path webKey = write("web.key", encryptedPem(web, KEY_PASSWORD));
		Path webCertificate = write("web.crt", PemFiles.certificates(web.chain()));
		Issued stored = remember(this.certificates.issue(this.certificates.leaf("store.example"), authority));
		Path keyStore = write("store.p12", keyStore(stored, STORE_PASSWORD));
		Issued inline = remember(this.certificates.issue(this.certificates.leaf("inline.example"), authority));
		Path inlineCertificate = write("inline.crt", PemFiles.certificates(inline.chain()));
		String inlineKey = PemFiles.pkcs8(inline.keyPair().getPrivate());
		this.keyPems.add(inlineKey);
		this.application.run(new Class<?>[] { CollectingConfiguration.class }, TestWebApplication
			.concat(TestWebApplication.pemBundle("web", webCertificate, webKey), new String[] {
					"spring.ssl.bundle.pem.web.keystore.private-key-password=" + KEY_PASSWORD,
					"spring.ssl.bundle.jks.store.keystore.location=" + keyStore,
					"spring.ssl.bundle.jks.store.keystore.password=" + STORE_PASSWORD,
					"spring.ssl.bundle.jks.store.keystore.type=PKCS12",
					"spring.ssl.bundle.pem.inline.keystore.certificate=" + inlineCertificate,
					"spring.ssl.bundle.pem.inline.keystore.private-key=" + inlineKey, "management.server.port=0",
					"management.server.address=127.0.0.1", "management.server.ssl.enabled=false",
					"management.endpoints.web.exposure.include=certificates,health,info,auditevents,metrics,prometheus",
					"management.endpoint.certificates.access=unrestricted",
					"management.endpoint.health.show-details=always", "management.info.certificates.enabled=true",
					"hotcert.watch.mode=off", "logging.level.io.github.hotcert=trace" }));
		int port = this.application.port();
		ActuatorClient actuator = new ActuatorClient(this.application.managementPort());
		List<String> reported = new ArrayList<>();
		exercise(actuator, reported);

		Issued rotated = remember(this.certificates.issue(this.certificates.leaf("web-2.example"), authority));
		PemFiles.replace(webKey, encryptedPem(rotated, KEY_PASSWORD));
		PemFiles.replace(webCertificate, PemFiles.certificates(rotated.chain()));
		assertThat(post(actuator, reported, "/actuator/certificates/web", "{}").status()).isEqualTo(200);
		assertThat(TlsClient.create().servedSerial(port)).isEqualTo(rotated.serialHex());

		Issued mismatched = remember(this.certificates.issue(this.certificates.leaf("other.example"), authority));
		PemFiles.replace(webKey, encryptedPem(mismatched, KEY_PASSWORD));
		PemFiles.replace(keyStore, keyStore(stored, OTHER_STORE_PASSWORD));
		assertThat(post(actuator, reported, "/actuator/certificates", "{}").status()).isEqualTo(422);
		assertThat(post(actuator, reported, "/actuator/certificates", "{\"dryRun\":true}").status()).isEqualTo(422);
		PemFiles.replace(webKey, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
		assertThat(post(actuator, reported, "/actuator/certificates/web", "{\"force\":true}").status()).isEqualTo(422);
		Files.delete(webKey);
		exercise(actuator, reported);

		// Configuration pushed while the application runs: a new inline key, a key store
		// moved with a new password, then a key that does not match and a wrong password
		Issued pushed = remember(this.certificates.issue(this.certificates.leaf("pushed.example"), authority));
		Path pushedStore = write("pushed.p12", keyStore(pushed, PUSHED_STORE_PASSWORD));
		Map<String, Object> configuration = new LinkedHashMap<>();
		configuration.put("spring.ssl.bundle.pem.inline.keystore.certificate", PemFiles.certificates(pushed.chain()));
		configuration.put("spring.ssl.bundle.pem.inline.keystore.private-key", inlineKey(pushed));
		configuration.put("spring.ssl.bundle.jks.store.keystore.location", pushedStore.toString());
		configuration.put("spring.ssl.bundle.jks.store.keystore.password", PUSHED_STORE_PASSWORD);
		assertThat(push(reported, configuration)).extracting(ReloadResult::outcome)
			.containsOnly(ReloadOutcome.RELOADED);
		Issued unrelated = remember(this.certificates.issue(this.certificates.leaf("unrelated.example"), authority));
		configuration.put("spring.ssl.bundle.pem.inline.keystore.private-key", inlineKey(unrelated));
		configuration.put("spring.ssl.bundle.jks.store.keystore.password", WRONG_STORE_PASSWORD);
		assertThat(push(reported, configuration)).extracting(ReloadResult::outcome)
			.containsOnly(ReloadOutcome.REJECTED);
		exercise(actuator, reported);

		CollectingConfiguration collected = this.application.getBean(CollectingConfiguration.class);
		assertThat(collected.events).anySatisfy((event) -> assertThat(event).contains("rejected"));
		assertThat(reported).anySatisfy((response) -> assertThat(response).contains("CERTIFICATE_RELOAD"));
		assertThat(output.getAll()).contains("Rejected new material for SSL bundle 'web'");
		List<String> needles = needles();
		assertThat(needles).hasSizeGreaterThan(20);
		assertNoNeedle("responses", reported, needles);
		assertNoNeedle("log output", List.of(output.getAll()), needles);
		assertNoNeedle("application events", collected.events, needles);
		assertNoNeedle("metric names and tags", meters(this.application.getBean(MeterRegistry.class)), needles);
	}

	/**
	 * Change the configuration of the bundles as a configuration centre does, and keep
	 * what the reloads report.
	 */
	private List<ReloadResult> push(List<String> reported, Map<String, Object> properties) {
		this.application.context()
			.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("pushed-" + System.nanoTime(), new LinkedHashMap<>(properties)));
		List<ReloadResult> results = this.application.getBean(SslBundleRebinder.class).rebind(properties.keySet());
		results.forEach((result) -> reported.add(result.toString()));
		return results;
	}

	private String inlineKey(Issued issued) {
		String pem = PemFiles.pkcs8(issued.keyPair().getPrivate());
		this.keyPems.add(pem);
		return pem;
	}

	private void exercise(ActuatorClient actuator, List<String> reported) throws Exception {
		for (String path : List.of("/actuator/certificates", "/actuator/certificates/web",
				"/actuator/certificates/store", "/actuator/certificates/inline", "/actuator/health",
				"/actuator/health/certificates", "/actuator/info", "/actuator/auditevents", "/actuator/prometheus")) {
			Response response = actuator.get(path);
			assertThat(response.status()).as(path).isEqualTo(200);
			reported.add(response.body());
		}
		post(actuator, reported, "/actuator/certificates", "{}");
		post(actuator, reported, "/actuator/certificates", "{\"dryRun\":true}");
		post(actuator, reported, "/actuator/certificates/store", "{\"force\":true}");
		post(actuator, reported, "/actuator/certificates/inline", "{\"force\":true}");
	}

	private Response post(ActuatorClient actuator, List<String> reported, String path, String body) throws Exception {
		Response response = actuator.post(path, body);
		reported.add(response.body());
		return response;
	}

	private List<String> needles() {
		List<String> needles = new ArrayList<>(List.of(KEY_PASSWORD, STORE_PASSWORD, OTHER_STORE_PASSWORD,
				PUSHED_STORE_PASSWORD, WRONG_STORE_PASSWORD));
		for (PrivateKey key : this.keys) {
			// The private value is at the end of the encoding: its start is the same for
			// every key of a type
			byte[] encoded = key.getEncoded();
			needles.add(tail(Base64.getEncoder().encodeToString(encoded), 40));
			needles.add(tail(HexFormat.of().formatHex(encoded), 40));
			needles.add(tail(HexFormat.of().withUpperCase().formatHex(encoded), 40));
			needles.add(tail(new String(encoded, StandardCharsets.ISO_8859_1), 24));
			BigInteger privateValue = ((ECPrivateKey) key).getS();
			needles.add(privateValue.toString(16));
			needles.add(privateValue.toString(10));
		}
		for (String pem : this.keyPems) {
			pem.lines().filter((line) -> line.length() >= 32 && !line.startsWith("-----")).forEach(needles::add);
		}
		for (byte[] store : this.keyStores) {
			String base64 = Base64.getEncoder().encodeToString(store);
			for (int i = 0; i + 40 <= base64.length(); i += 40) {
				needles.add(base64.substring(i, i + 40));
			}
		}
		return needles;
	}

	private static String tail(String text, int length) {
		return text.substring(text.length() - length);
	}

	private static void assertNoNeedle(String what, List<String> haystacks, List<String> needles) {
		assertThat(haystacks).as(what).isNotEmpty();
		for (String haystack : haystacks) {
			for (String needle : needles) {
				assertThat(haystack).as("%s must not contain secret '%s'", what, needle).doesNotContain(needle);
			}
		}
	}

	private static List<String> meters(MeterRegistry registry) {
		List<String> meters = new ArrayList<>();
		for (Meter meter : registry.getMeters()) {
			meters.add(meter.getId().getName() + " " + meter.getId().getTags() + " " + meter.getId().getDescription());
		}
		return meters;
	}

	private Issued remember(Issued issued) {
		this.keys.add(issued.keyPair().getPrivate());
		return issued;
	}

	private String encryptedPem(Issued issued, String password) throws Exception {
		OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
			.setProvider(new BouncyCastleProvider())
			.setPassword(password.toCharArray())
			.build();
		StringWriter pem = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
			writer.writeObject(new JcaPKCS8Generator(issued.keyPair().getPrivate(), encryptor));
		}
		this.keyPems.add(pem.toString());
		return pem.toString();
	}

	private byte[] keyStore(Issued issued, String password) {
		byte[] store = PemFiles.keyStore("PKCS12", "store", issued, password, password);
		this.keyStores.add(store);
		return store;
	}

	private Path write(String name, String content) throws Exception {
		return write(name, content.getBytes(StandardCharsets.US_ASCII));
	}

	private Path write(String name, byte[] content) throws Exception {
		return Files.write(this.directory.resolve(name), content);
	}

	/**
	 * Collects every application event, and what a listener could write down about it.
	 */
	@Configuration(proxyBeanMethods = false)
	static class CollectingConfiguration implements ApplicationListener<ApplicationEvent> {

		private static final ObjectMapper objectMapper = new ObjectMapper().registerModule(new JavaTimeModule())
			.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

		final List<String> events = new CopyOnWriteArrayList<>();

		@Bean
		InMemoryAuditEventRepository auditEventRepository() {
			return new InMemoryAuditEventRepository();
		}

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			this.events.add(event.toString());
			if (event instanceof CertificateReloadEvent reload) {
				this.events.add(reload.getResult().toString());
				this.events.add(json(reload.getResult()));
			}
			if (event instanceof AuditApplicationEvent audit) {
				this.events.add(audit.getAuditEvent().toString());
				this.events.add(json(Map.of("principal", audit.getAuditEvent().getPrincipal(), "data",
						audit.getAuditEvent().getData())));
			}
		}

		private static String json(Object value) {
			try {
				return objectMapper.writeValueAsString(value);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
