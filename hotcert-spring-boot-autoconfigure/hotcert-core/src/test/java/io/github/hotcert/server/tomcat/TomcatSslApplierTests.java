package io.github.hotcert.server.tomcat;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;

import io.github.hotcert.server.ServerSsl;
import io.github.hotcert.server.SslTarget;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestSslBundles;
import io.github.hotcert.testsupport.TlsClient;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link TomcatSslApplier}: which connectors and host names of a Tomcat it
 * targets, on a Tomcat that is not started, and how an update that Tomcat refuses leaves
 * the host config, on a Tomcat started on port 0.
 */
class TomcatSslApplierTests {

	private static final String ALPHA = "alpha.example";

	private final TestCertificates certificates = TestCertificates.now();

	private final Issued authority = this.certificates.authority("hotcert Tomcat CA");

	private final Issued first = issue("first.example");

	private final WebServer webServer = mock(WebServer.class);

	private final Tomcat tomcat = new Tomcat();

	private final TomcatSslApplier applier = new TomcatSslApplier(
			(webServer) -> (webServer == this.webServer) ? this.tomcat : null);

	@TempDir
	Path baseDir;

	private boolean started;

	@BeforeEach
	void setBaseDir() {
		this.tomcat.setBaseDir(this.baseDir.toString());
	}

	@AfterEach
	void stop() throws LifecycleException {
		if (this.started) {
			this.tomcat.stop();
			this.tomcat.destroy();
		}
	}

	@Test
	void supportsOnlyAWebServerWithATomcat() {
		assertThat(this.applier.supports(this.webServer)).isTrue();
		assertThat(this.applier.supports(mock(WebServer.class))).isFalse();
	}

	@Test
	void targetsTheDefaultHostOfTheServersOwnSslConnector() {
		Connector primary = primary(TestSslBundles.of(this.first));
		assertThat(targets(Map.of())).singleElement().satisfies((target) -> {
			assertThat(target.bundle()).isEqualTo("web");
			assertThat(target.serverName()).isNull();
			assertThat(target.description()).isEqualTo("tomcat https port -1 (default host)");
		});
		Issued rotated = issue("rotated.example");
		update(targets(Map.of()), TestSslBundles.of(rotated));
		assertThat(served(primary)).isEqualTo(rotated.certificate());
	}

	@Test
	void letsTomcatCopyTheKeyOfAPkcs12KeyStoreIntoAJksKeyStore() throws Exception {
		Connector primary = primary(TestSslBundles.of(this.first));
		Issued rotated = issue("rotated.example");
		SslBundle bundle = TestSslBundles.of(rotated);
		assertThat(bundle.getStores().getKeyStore().getType()).isEqualToIgnoringCase("PKCS12");
		update(targets(Map.of()), bundle);
		SSLHostConfigCertificate certificate = hostConfig(primary,
				SslConnectors.protocol(primary).getDefaultSSLHostConfigName())
			.getCertificates()
			.iterator()
			.next();
		assertThat(certificate.getCertificateKeystore()).isSameAs(bundle.getStores().getKeyStore());
		assertThat(certificate.getCertificateKeystoreType()).isEqualTo("JKS");
	}

	@Test
	void targetsAnAddedSslConnectorThatServesTheSameCertificate() {
		Connector primary = primary(TestSslBundles.of(this.first));
		Connector added = add(SslConnectors.https(TestSslBundles.of(this.first)));
		List<SslTarget> targets = targets(Map.of());
		assertThat(targets).extracting(SslTarget::bundle, SslTarget::serverName)
			.containsExactly(tuple("web", null), tuple("web", null));
		Issued rotated = issue("rotated.example");
		update(targets, TestSslBundles.of(rotated));
		assertThat(served(primary)).isEqualTo(rotated.certificate());
		assertThat(served(added)).isEqualTo(rotated.certificate());
	}

	@Test
	void leavesAnAddedSslConnectorWithOtherMaterialAlone() {
		Connector primary = primary(TestSslBundles.of(this.first));
		Issued other = issue("other.example");
		Connector added = add(SslConnectors.https(TestSslBundles.of(other)));
		List<SslTarget> targets = targets(Map.of());
		assertThat(targets).hasSize(1);
		Issued rotated = issue("rotated.example");
		update(targets, TestSslBundles.of(rotated));
		assertThat(served(primary)).isEqualTo(rotated.certificate());
		assertThat(served(added)).isEqualTo(other.certificate());
	}

	@Test
	void leavesAConnectorWithoutSslAlone() {
		primary(TestSslBundles.of(this.first));
		Connector plain = add(SslConnectors.http());
		assertThat(targets(Map.of())).hasSize(1);
		assertThat(SslConnectors.protocol(plain).findSslHostConfigs()).isEmpty();
	}

	@Test
	void targetsAnSniHostNameOnlyOnConnectorsThatHaveAHostConfigForIt() throws Exception {
		Issued alpha = issue(ALPHA);
		Connector primary = primary(TestSslBundles.of(this.first));
		SslConnectors.addHostConfig(primary, ALPHA, TestSslBundles.of(alpha));
		Connector added = add(SslConnectors.https(TestSslBundles.of(this.first)));
		List<SslTarget> targets = targets(Map.of(ALPHA, "alpha"));
		assertThat(targets).extracting(SslTarget::bundle, SslTarget::serverName, SslTarget::description)
			.containsExactly(tuple("web", null, "tomcat https port -1 (default host)"),
					tuple("alpha", ALPHA, "tomcat https port -1 (host " + ALPHA + ")"),
					tuple("web", null, "tomcat https port -1 (default host)"));
		Issued rotated = issue("alpha-2.example");
		targets.get(1).updater().accept(TestSslBundles.of(rotated));
		assertThat(served(primary, ALPHA)).isEqualTo(rotated.certificate());
		assertThat(served(primary)).isEqualTo(this.first.certificate());
		assertThat(served(added)).isEqualTo(this.first.certificate());
	}

	@Test
	void updateThatTomcatRefusesThrowsKeepsTheCertificateServedAndLeavesNothingBehind() throws Exception {
		Connector primary = primary(TestSslBundles.of(this.first));
		int port = start();
		SslTarget target = targets(Map.of()).get(0);
		Issued refused = issue("refused.example");
		assertThatIllegalStateException()
			.isThrownBy(() -> target.updater()
				.accept(TestSslBundles.of(refused, SslBundleKey.of(TestSslBundles.PASSWORD, "missing"))))
			.withMessageContaining("Tomcat refused the new material for host '_default_'");
		// The reloader applies the previous bundle again (SslTarget's contract); until
		// then Tomcat keeps the SSL context it had
		assertThat(TlsClient.create().servedSerial(port)).isEqualTo(this.first.serialHex());
		// The next bundle names no alias: it is served only if the refused alias was
		// not left behind
		Issued second = issue("second.example");
		target.updater().accept(TestSslBundles.of(second));
		assertThat(TlsClient.create().servedSerial(port)).isEqualTo(second.serialHex());
	}

	@Test
	void updateOfAHostNameWithoutHostConfigIsRefused() {
		Connector primary = primary(TestSslBundles.of(this.first));
		assertThatIllegalStateException().isThrownBy(
				() -> TomcatSslApplier.update(SslConnectors.protocol(primary), ALPHA, TestSslBundles.of(this.first)))
			.withMessageContaining("Tomcat has no SSL host config for host '" + ALPHA + "'");
	}

	private Connector primary(SslBundle bundle) {
		Connector connector = SslConnectors.https(bundle);
		this.tomcat.setConnector(connector);
		return connector;
	}

	private Connector add(Connector connector) {
		this.tomcat.getService().addConnector(connector);
		return connector;
	}

	private int start() throws LifecycleException {
		this.tomcat.getHost();
		this.tomcat.start();
		this.started = true;
		return this.tomcat.getConnector().getLocalPort();
	}

	private List<SslTarget> targets(Map<String, String> serverNameBundles) {
		Ssl ssl = new Ssl();
		ssl.setBundle("web");
		return this.applier.getTargets(this.webServer, new ServerSsl(ssl, "web", serverNameBundles));
	}

	private static void update(List<SslTarget> targets, SslBundle bundle) {
		targets.forEach((target) -> target.updater().accept(bundle));
	}

	private static Certificate served(Connector connector) {
		return ServedCertificate.of(SslConnectors.protocol(connector));
	}

	private static Certificate served(Connector connector, String hostName) throws Exception {
		SSLHostConfigCertificate certificate = hostConfig(connector, hostName).getCertificates().iterator().next();
		return certificate.getCertificateKeystore().getCertificate(TestSslBundles.ALIAS);
	}

	private static SSLHostConfig hostConfig(Connector connector, String hostName) {
		for (SSLHostConfig config : SslConnectors.protocol(connector).findSslHostConfigs()) {
			if (config.getHostName().equals(hostName)) {
				return config;
			}
		}
		throw new IllegalStateException("No host config for " + hostName);
	}

	private Issued issue(String commonName) {
		return this.certificates.issue(this.certificates.leaf(commonName), this.authority);
	}

}
