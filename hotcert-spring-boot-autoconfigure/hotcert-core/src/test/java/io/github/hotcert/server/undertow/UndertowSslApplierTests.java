package io.github.hotcert.server.undertow;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.server.ServedBundles;
import io.github.hotcert.server.ServerSsl;
import io.github.hotcert.server.SslTarget;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestSslBundles;
import io.github.hotcert.testsupport.TlsClient;
import io.github.hotcert.validation.MaterialValidator;
import io.github.hotcert.testsupport.TestValidation;
import io.undertow.Undertow;
import io.undertow.Undertow.ListenerInfo;
import io.undertow.protocols.ssl.SNIContextMatcher;
import io.undertow.protocols.ssl.SNISSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link UndertowSslApplier}, on a small Undertow with an HTTPS and an HTTP
 * listener on port 0 and loopback: Undertow lists its listeners only once started. Its
 * HTTPS listener starts with an SNI-aware SSL context built the way Spring Boot builds
 * it: the {@code web} bundle by default, the {@code alpha} bundle for
 * {@code alpha.example}.
 */
class UndertowSslApplierTests {

	private static final String ALPHA = "alpha.example";

	private static final String BETA = "beta.example";

	private final TestCertificates certificates = TestCertificates.now();

	private final Issued authority = this.certificates.authority("hotcert Undertow CA");

	private final Issued web = issue("web.example");

	private final Issued alpha = issue(ALPHA);

	private final Issued beta = issue(BETA);

	private final List<String> bundlesRead = new CopyOnWriteArrayList<>();

	private final DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry() {

		@Override
		public SslBundle getBundle(String name) {
			UndertowSslApplierTests.this.bundlesRead.add(name);
			return super.getBundle(name);
		}

	};

	private final WebServer webServer = mock(WebServer.class);

	private final TlsClient client = TlsClient.create();

	private Undertow undertow;

	private UndertowSslApplier applier;

	private int port;

	@BeforeEach
	void start() {
		this.registry.registerBundle("web", TestSslBundles.of(this.web));
		this.registry.registerBundle("alpha", TestSslBundles.of(this.alpha));
		this.registry.registerBundle("beta", TestSslBundles.of(this.beta));
		SNIContextMatcher.Builder matcher = new SNIContextMatcher.Builder();
		matcher.setDefaultContext(this.registry.getBundle("web").createSslContext());
		matcher.addMatch(ALPHA, this.registry.getBundle("alpha").createSslContext());
		matcher.addMatch(BETA, this.registry.getBundle("beta").createSslContext());
		this.bundlesRead.clear();
		this.undertow = Undertow.builder()
			.addHttpsListener(0, "127.0.0.1", new SNISSLContext(matcher.build()))
			.addHttpListener(0, "127.0.0.1")
			.setHandler((exchange) -> exchange.getResponseSender().send("ok"))
			.build();
		this.undertow.start();
		this.port = httpsPort();
		CertificateReloader reloader = new CertificateReloader(List.of(),
				new MaterialValidator(List.of(), TestValidation.policy()), (event) -> {
				}, Clock.systemUTC());
		this.applier = new UndertowSslApplier(new ServedBundles(reloader, this.registry),
				(webServer) -> (webServer == this.webServer) ? this.undertow : null);
	}

	@AfterEach
	void stop() {
		this.undertow.stop();
	}

	@Test
	void supportsOnlyAWebServerWithAnUndertow() {
		assertThat(this.applier.supports(this.webServer)).isTrue();
		assertThat(this.applier.supports(mock(WebServer.class))).isFalse();
	}

	@Test
	void targetsTheDefaultHostAndEverySniHostNameOfTheHttpsListenerOnly() {
		assertThat(targets()).extracting(SslTarget::bundle, SslTarget::serverName, SslTarget::description)
			.containsExactlyInAnyOrder(tuple("web", null, "undertow https port " + this.port + " (default host)"),
					tuple("alpha", ALPHA, "undertow https port " + this.port + " (host " + ALPHA + ")"),
					tuple("beta", BETA, "undertow https port " + this.port + " (host " + BETA + ")"));
	}

	@Test
	void newBundleOfTheDefaultHostIsServedOnNewConnectionsAndTheHostNameKeepsItsOwn() throws Exception {
		assertServed(this.web, this.alpha);
		Issued rotated = issue("web-2.example");
		target(targets(), null).updater().accept(TestSslBundles.of(rotated));
		assertServed(rotated, this.alpha);
		assertThat(this.client.get(this.port, "/").body()).isEqualTo("ok");
	}

	@Test
	void newBundleOfAHostNameIsServedForItAndIsKeptWhenTheDefaultHostChanges() throws Exception {
		List<SslTarget> targets = targets();
		Issued rotatedAlpha = issue("alpha-2.example");
		target(targets, ALPHA).updater().accept(TestSslBundles.of(rotatedAlpha));
		assertServed(this.web, rotatedAlpha);
		Issued rotatedWeb = issue("web-2.example");
		target(targets, null).updater().accept(TestSslBundles.of(rotatedWeb));
		assertServed(rotatedWeb, rotatedAlpha);
	}

	@Test
	void changeOfOneHostBuildsOnlyItsOwnContextAndTheOthersOnTheirFirstHandshake() throws Exception {
		List<SslTarget> targets = targets();
		target(targets, null).updater().accept(TestSslBundles.of(issue("web-2.example")));
		assertThat(this.bundlesRead).isEmpty();
		assertThat(this.client.withServerName(ALPHA).servedSerial(this.port)).isEqualTo(this.alpha.serialHex());
		assertThat(this.bundlesRead).containsExactly("alpha");
		target(targets, BETA).updater().accept(TestSslBundles.of(issue("beta-2.example")));
		assertThat(this.client.withServerName(ALPHA).servedSerial(this.port)).isEqualTo(this.alpha.serialHex());
		assertThat(this.bundlesRead).containsExactly("alpha");
	}

	@Test
	void bundleThatCannotBuildAnSslContextChangesNothing() throws Exception {
		SslBundle unusable = TestSslBundles.of(issue("web-2.example"),
				SslBundleKey.of(TestSslBundles.PASSWORD, "missing"));
		assertThatIllegalStateException().isThrownBy(() -> target(targets(), null).updater().accept(unusable))
			.withMessageContaining(
					"Unable to create the SSL context of undertow https port " + this.port + " for the default host");
		assertServed(this.web, this.alpha);
	}

	private void assertServed(Issued byDefault, Issued forAlpha) throws Exception {
		assertThat(this.client.servedSerial(this.port)).as("default host").isEqualTo(byDefault.serialHex());
		assertThat(this.client.withServerName("unknown.example").servedSerial(this.port)).as("unknown host name")
			.isEqualTo(byDefault.serialHex());
		assertThat(this.client.withServerName(ALPHA).servedSerial(this.port)).as(ALPHA).isEqualTo(forAlpha.serialHex());
	}

	private List<SslTarget> targets() {
		Ssl ssl = new Ssl();
		ssl.setBundle("web");
		Map<String, String> serverNames = new LinkedHashMap<>();
		serverNames.put(ALPHA, "alpha");
		serverNames.put(BETA, "beta");
		return this.applier.getTargets(this.webServer, new ServerSsl(ssl, "web", serverNames));
	}

	private static SslTarget target(List<SslTarget> targets, String serverName) {
		return targets.stream()
			.filter((target) -> Objects.equals(target.serverName(), serverName))
			.findFirst()
			.orElseThrow();
	}

	private int httpsPort() {
		for (ListenerInfo listener : this.undertow.getListenerInfo()) {
			if ("https".equals(listener.getProtcol())) {
				return ((InetSocketAddress) listener.getAddress()).getPort();
			}
		}
		throw new IllegalStateException("No HTTPS listener");
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

}
