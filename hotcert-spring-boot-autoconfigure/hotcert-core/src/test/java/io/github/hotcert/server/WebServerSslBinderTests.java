package io.github.hotcert.server;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.LocalBundlePublisher;
import io.github.hotcert.reload.ManagedBundle;
import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.MaterialValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link WebServerSslBinder}: what it says about web servers it cannot reload,
 * and how it binds the targets of the others to the bundles they serve.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebServerSslBinderTests {

	private final CertificateReloader reloader = reloader();

	private final DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();

	@Test
	void saysOnceAndClearlyThatAWebServerWithoutApplierCannotBeReloaded(CapturedOutput output) {
		WebServerSslBinder binder = binder(enabledSsl());
		WebServer webServer = mock(WebServer.class);
		binder.bind(webServer, null);
		binder.bind(webServer, null);
		String message = "hotcert cannot apply reloaded certificates to the main web server ("
				+ webServer.getClass().getName() + ")";
		assertThat(output.getOut().split(Pattern.quote(message), -1)).hasSize(2);
		assertThat(output).contains("keeps serving the certificate it started with until it is restarted");
	}

	@Test
	void namesTheServerNamespaceOfAWebServerWithoutApplier(CapturedOutput output) {
		binder(enabledSsl()).bind(mock(WebServer.class), "management");
		assertThat(output).contains("hotcert cannot apply reloaded certificates to the management web server");
	}

	@Test
	void recordsAWebServerWithoutApplierAsAConsumerThatCannotFollowOfEveryBundleItServes() {
		ManagedBundle web = managedBundle("web");
		ManagedBundle alpha = managedBundle("alpha");
		WebServer webServer = mock(WebServer.class);
		given(webServer.getPort()).willReturn(8443);
		Ssl ssl = new Ssl();
		ssl.setBundle("web");
		new WebServerSslBinder(reloader(web, alpha), this.registry, List.of(),
				(namespace) -> new ServerSsl(ssl, "web", Map.of("alpha.example", "alpha")))
			.bind(webServer, null);
		String server = "main web server " + webServer.getClass().getSimpleName() + " port 8443";
		assertThat(web.getConsumersThatCannotFollow()).containsExactly(server + " (default host)");
		assertThat(alpha.getConsumersThatCannotFollow()).containsExactly(server + " (host alpha.example)");
		assertThat(web.getConsumers()).containsExactly(server + " (default host)");
		assertThat(web.isServedByWebServer()).isTrue();
		assertThat(alpha.isServedByWebServer()).isTrue();
	}

	@Test
	void recordsATargetThatCannotFollowReloadsAsSuch() {
		ManagedBundle web = managedBundle("web");
		SslTarget target = SslTarget.cannotFollow("web", null, "test https port 8443 (default host)");
		WebServer webServer = mock(WebServer.class);
		binder(List.of(new StubApplier(webServer, List.of(target))), web).bind(webServer, null);
		assertThat(web.getConsumersThatCannotFollow()).containsExactly("test https port 8443 (default host)");
	}

	@Test
	void saysNothingAboutAWebServerWithoutSsl(CapturedOutput output) {
		Ssl ssl = new Ssl();
		ssl.setEnabled(false);
		binder(ServerSsl.of(ssl, "server.ssl")).bind(mock(WebServer.class), null);
		binder((namespace) -> null).bind(mock(WebServer.class), null);
		assertThat(output).doesNotContain("hotcert cannot apply");
	}

	@Test
	void saysNothingAboutAWebServerThatAnApplierSupports(CapturedOutput output) {
		WebServer webServer = mock(WebServer.class);
		ServerSslApplier applier = mock(ServerSslApplier.class);
		given(applier.supports(webServer)).willReturn(true);
		given(applier.getTargets(webServer, enabledSsl())).willReturn(List.of());
		new WebServerSslBinder(this.reloader, new DefaultSslBundleRegistry(), List.of(applier),
				(namespace) -> enabledSsl())
			.bind(webServer, null);
		assertThat(output).doesNotContain("hotcert cannot apply");
	}

	@Test
	void bindsEachTargetToTheManagedBundleItServesAndPassesItEveryNewBundle() {
		ManagedBundle web = managedBundle("web");
		List<SslBundle> applied = new ArrayList<>();
		SslTarget target = new SslTarget("web", null, "test https port 8443 (default host)", applied::add);
		WebServer webServer = mock(WebServer.class);
		assertThat(web.isServedByWebServer()).isFalse();
		binder(List.of(new StubApplier(webServer, List.of(target))), web).bind(webServer, null);
		assertThat(web.getConsumers()).containsExactly("test https port 8443 (default host)");
		assertThat(web.isServedByWebServer()).isTrue();
		SslBundle rotated = SslBundle.of(null);
		web.getPublisher().publish(rotated);
		assertThat(applied).containsExactly(rotated);
	}

	@Test
	void recordsATargetThatIsUpdatedWithoutHotcertAsAConsumerOnly() {
		ManagedBundle web = managedBundle("web");
		SslTarget target = new SslTarget("web", null, "test https port 8443 (default host)", null);
		WebServer webServer = mock(WebServer.class);
		binder(List.of(new StubApplier(webServer, List.of(target))), web).bind(webServer, null);
		assertThat(web.getConsumers()).containsExactly("test https port 8443 (default host)");
	}

	@Test
	void bindsAWebServerOnlyOnce() {
		ManagedBundle web = managedBundle("web");
		SslTarget target = new SslTarget("web", null, "test https port 8443 (default host)", (bundle) -> {
		});
		WebServer webServer = mock(WebServer.class);
		StubApplier applier = new StubApplier(webServer, List.of(target));
		WebServerSslBinder binder = binder(List.of(applier), web);
		binder.bind(webServer, null);
		binder.bind(webServer, null);
		assertThat(web.getConsumers()).hasSize(1);
		assertThat(applier.calls).isOne();
	}

	@Test
	void registersTheUpdaterOfABundleThatHotcertDoesNotManageWithSpringBootsRegistry() {
		SslBundle original = SslBundle.of(null);
		this.registry.registerBundle("other", original);
		List<SslBundle> applied = new ArrayList<>();
		SslTarget target = new SslTarget("other", "other.example", "test https port 8443 (host other.example)",
				applied::add);
		WebServer webServer = mock(WebServer.class);
		binder(List.of(new StubApplier(webServer, List.of(target)))).bind(webServer, null);
		SslBundle updated = SslBundle.of(null);
		this.registry.updateBundle("other", updated);
		assertThat(applied).containsExactly(updated);
	}

	@Test
	void ignoresATargetWhoseBundleIsNeitherManagedNorRegistered() {
		SslTarget target = new SslTarget("missing", null, "test https port 8443 (default host)", (bundle) -> {
		});
		WebServer webServer = mock(WebServer.class);
		ManagedBundle web = managedBundle("web");
		binder(List.of(new StubApplier(webServer, List.of(target))), web).bind(webServer, null);
		assertThat(web.getConsumers()).isEmpty();
	}

	@Test
	void usesTheFirstApplierThatSupportsTheWebServerWithTheSslOfItsNamespace() {
		ManagedBundle management = managedBundle("management");
		WebServer webServer = mock(WebServer.class);
		StubApplier other = new StubApplier(mock(WebServer.class), List.of());
		StubApplier supporting = new StubApplier(webServer,
				List.of(new SslTarget("management", null, "test https port 8081 (default host)", null)));
		StubApplier later = new StubApplier(webServer, List.of());
		Ssl ssl = new Ssl();
		ssl.setBundle("management");
		ServerSsl managementSsl = new ServerSsl(ssl, "management", Map.of());
		new WebServerSslBinder(reloader(management), this.registry, List.of(other, supporting, later),
				(namespace) -> "management".equals(namespace) ? managementSsl : null)
			.bind(webServer, "management");
		assertThat(management.getConsumers()).containsExactly("test https port 8081 (default host)");
		assertThat(supporting.ssl).isEqualTo(managementSsl);
		assertThat(other.calls).isZero();
		assertThat(later.calls).isZero();
	}

	@Test
	void managementServerWithoutSslOfItsOwnServesTheMainServersBundles() {
		WebServer webServer = mock(WebServer.class);
		ServerSslApplier applier = mock(ServerSslApplier.class);
		given(applier.supports(webServer)).willReturn(true);
		ServerSsl main = enabledSsl();
		new WebServerSslBinder(this.reloader, new DefaultSslBundleRegistry(), List.of(applier),
				(namespace) -> (namespace == null) ? main : null)
			.bind(webServer, "management");
		then(applier).should().getTargets(webServer, main);
	}

	@Test
	void managementServerWithSslOfItsOwnServesItsOwnBundles() {
		WebServer webServer = mock(WebServer.class);
		ServerSslApplier applier = mock(ServerSslApplier.class);
		given(applier.supports(webServer)).willReturn(true);
		Ssl managementProperties = new Ssl();
		managementProperties.setBundle("management");
		ServerSsl management = ServerSsl.of(managementProperties, "management.server.ssl");
		new WebServerSslBinder(this.reloader, new DefaultSslBundleRegistry(), List.of(applier),
				(namespace) -> (namespace == null) ? enabledSsl() : management)
			.bind(webServer, "management");
		then(applier).should().getTargets(webServer, management);
	}

	@Test
	void managementServerWhoseSslIsTurnedOffIsNotBound() {
		WebServer webServer = mock(WebServer.class);
		ServerSslApplier applier = mock(ServerSslApplier.class);
		given(applier.supports(webServer)).willReturn(true);
		Ssl off = new Ssl();
		off.setEnabled(false);
		new WebServerSslBinder(this.reloader, new DefaultSslBundleRegistry(), List.of(applier),
				(namespace) -> (namespace == null) ? enabledSsl() : ServerSsl.of(off, "management.server.ssl"))
			.bind(webServer, "management");
		then(applier).should(never()).getTargets(any(), any());
	}

	private WebServerSslBinder binder(ServerSsl ssl) {
		return binder((namespace) -> ssl);
	}

	private WebServerSslBinder binder(Function<String, ServerSsl> ssl) {
		return new WebServerSslBinder(this.reloader, new DefaultSslBundleRegistry(), List.of(), ssl);
	}

	private WebServerSslBinder binder(List<ServerSslApplier> appliers, ManagedBundle... bundles) {
		return new WebServerSslBinder(reloader(bundles), this.registry, appliers, (namespace) -> enabledSsl());
	}

	private static CertificateReloader reloader(ManagedBundle... bundles) {
		return new CertificateReloader(List.of(bundles), new MaterialValidator(List.of(), TestValidation.policy()),
				(event) -> {
				}, Clock.systemUTC());
	}

	private static ManagedBundle managedBundle(String name) {
		MaterialSource source = mock(MaterialSource.class);
		given(source.getBundleName()).willReturn(name);
		return new ManagedBundle(source, new LocalBundlePublisher(name), 10);
	}

	private static ServerSsl enabledSsl() {
		Ssl ssl = new Ssl();
		ssl.setBundle("web");
		return new ServerSsl(ssl, "web", Map.of());
	}

	/**
	 * An applier for one web server that returns fixed targets.
	 */
	private static final class StubApplier implements ServerSslApplier {

		private final WebServer webServer;

		private final List<SslTarget> targets;

		private int calls;

		private ServerSsl ssl;

		StubApplier(WebServer webServer, List<SslTarget> targets) {
			this.webServer = webServer;
			this.targets = targets;
		}

		@Override
		public boolean supports(WebServer webServer) {
			return webServer == this.webServer;
		}

		@Override
		public List<SslTarget> getTargets(WebServer webServer, ServerSsl ssl) {
			this.calls++;
			this.ssl = ssl;
			return this.targets;
		}

	}

}
