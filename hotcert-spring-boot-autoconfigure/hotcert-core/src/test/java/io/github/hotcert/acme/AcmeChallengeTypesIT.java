package io.github.hotcert.acme;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.hotcert.acme.DnsChallengeHandler.DnsChallenge;
import io.github.hotcert.testsupport.FreePorts;
import io.github.hotcert.testsupport.Pebble;
import io.github.hotcert.testsupport.RunningApplication;
import io.github.hotcert.testsupport.TestWebApplication;
import io.github.hotcert.testsupport.TlsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DNS-01 through the application's {@link DnsChallengeHandler}, a wildcard domain, and a
 * CA that requires an external account binding, against Pebble, whose DNS server serves
 * the TXT records the handler sets. Also what the CA refuses: an account without the
 * binding, and a profile it does not offer.
 */
@ExtendWith(OutputCaptureExtension.class)
class AcmeChallengeTypesIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String KEY_ID = "kid-1";

	private static final String MAC_KEY = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";

	private static Pebble pebble;

	private final TlsClient client = TlsClient.create().withServerName(AcmeApplications.DOMAIN);

	@TempDir
	Path storage;

	@RegisterExtension
	final RunningApplication application = new RunningApplication();

	@BeforeAll
	static void startPebble(@TempDir Path directory) {
		pebble = Pebble.start(directory, 3600, FreePorts.next(), Map.of(KEY_ID, MAC_KEY));
	}

	@AfterAll
	static void stopPebble() {
		if (pebble != null) {
			pebble.close();
		}
	}

	@Test
	void wildcardCertificateThroughDnsChallengesAndAnExternalAccountBinding(CapturedOutput output) throws Exception {
		this.application.start(() -> TestWebApplication.run(new Class<?>[] { PebbleDns.class },
				properties("hotcert.acme.bundle.web.challenge-type=dns-01", "logging.level.io.github.hotcert=trace",
						"hotcert.acme.bundle.web.domains=*." + AcmeApplications.DOMAIN + "," + AcmeApplications.DOMAIN,
						"hotcert.acme.bundle.web.external-account-binding.key-id=" + KEY_ID,
						"hotcert.acme.bundle.web.external-account-binding.hmac-key=" + MAC_KEY)));
		X509Certificate issued = this.client.awaitServed(this.application.port(),
				(served) -> !TemporaryCertificate.isTemporary(served), TIMEOUT);
		assertThat(Pebble.dnsNames(issued)).containsExactlyInAnyOrder("*." + AcmeApplications.DOMAIN,
				AcmeApplications.DOMAIN);
		pebble.validate(this.client.servedChain(this.application.port()));
		PebbleDns dns = this.application.getBean(PebbleDns.class);
		assertThat(dns.created).extracting(DnsChallenge::recordName)
			.containsExactly("_acme-challenge." + AcmeApplications.DOMAIN + ".",
					"_acme-challenge." + AcmeApplications.DOMAIN + ".");
		assertThat(dns.created).allSatisfy((challenge) -> assertThat(challenge.bundle()).isEqualTo("web"));
		assertThat(dns.removed).containsExactlyElementsOf(dns.created);
		assertThat(this.application.getBean(AcmeBundles.class).getBundle("web").getStatus().getAccount())
			.startsWith("https://127.0.0.1:");
		assertNoSecretIsReported(output);
	}

	/**
	 * Search what the application reports (endpoint, health, metrics, logs at TRACE) for
	 * the MAC key of the external account binding and the bodies of the private keys in
	 * the storage directory.
	 */
	private void assertNoSecretIsReported(CapturedOutput output) throws Exception {
		List<String> secrets = new ArrayList<>(List.of(MAC_KEY));
		for (Path key : List.of(this.storage.resolve("account.key"), this.storage.resolve("web/current/tls.key"))) {
			Files.readString(key)
				.lines()
				.filter((line) -> !line.startsWith("-----") && line.length() > 20)
				.forEach(secrets::add);
		}
		String reported = String.join("\n",
				AcmeApplications.json(this.application.context(), "/actuator/certificates").toString(),
				AcmeApplications.json(this.application.context(), "/actuator/health").toString(),
				AcmeApplications.prometheus(this.application.context()), output.toString());
		assertThat(secrets).hasSizeGreaterThan(2);
		for (String secret : secrets) {
			assertThat(reported).doesNotContain(secret);
		}
	}

	@Test
	void accountWithoutTheRequiredBindingIsRefusedAndReported() {
		this.application.start(() -> TestWebApplication.run(properties()));
		AcmeOrderResult failure = awaitFailedOrder();
		assertThat(failure.reason()).isEqualTo("externalAccountRequired");
		assertThat(failure.error()).startsWith("Finding or creating the account at 127.0.0.1:")
			.contains("externalAccountBinding");
	}

	@Test
	void profileTheCaDoesNotOfferIsReported() {
		this.application.start(() -> TestWebApplication.run(properties("hotcert.acme.bundle.web.profile=shortlived",
				"hotcert.acme.bundle.web.external-account-binding.key-id=" + KEY_ID,
				"hotcert.acme.bundle.web.external-account-binding.hmac-key=" + MAC_KEY)));
		AcmeOrderResult failure = awaitFailedOrder();
		assertThat(failure.reason()).isEqualTo("unsupported");
		assertThat(failure.error()).contains("the CA does not offer it").contains("profile");
	}

	private AcmeOrderResult awaitFailedOrder() {
		AcmeBundle bundle = this.application.getBean(AcmeBundles.class).getBundle("web");
		AcmeBundleStatus status = await().atMost(TIMEOUT)
			.until(bundle::getStatus, (current) -> current.getLastOrder() != null);
		assertThat(status.getState()).isEqualTo(AcmeState.FAILING);
		assertThat(status.isTemporary()).isTrue();
		return status.getLastOrder();
	}

	private String[] properties(String... more) {
		return AcmeApplications.properties(pebble, this.storage, more);
	}

	/**
	 * The application's DNS provider: Pebble's DNS server.
	 */
	@Configuration(proxyBeanMethods = false)
	static class PebbleDns implements DnsChallengeHandler {

		private final List<DnsChallenge> created = new CopyOnWriteArrayList<>();

		private final List<DnsChallenge> removed = new CopyOnWriteArrayList<>();

		@Override
		public void create(DnsChallenge challenge) {
			pebble.setTxt(challenge.recordName(), challenge.value());
			this.created.add(challenge);
		}

		@Override
		public void remove(DnsChallenge challenge) {
			pebble.clearTxt(challenge.recordName());
			this.removed.add(challenge);
		}

	}

}
