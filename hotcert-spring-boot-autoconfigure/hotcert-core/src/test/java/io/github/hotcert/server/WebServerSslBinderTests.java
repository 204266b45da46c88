package io.github.hotcert.server;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.validation.MaterialValidator;
import io.github.hotcert.validation.ValidationPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
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
 * Tests for {@link WebServerSslBinder}.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebServerSslBinderTests {

	private final CertificateReloader reloader = new CertificateReloader(List.of(),
			new MaterialValidator(List.of(), ValidationPolicy.defaults()), (event) -> {
			}, Clock.systemUTC());

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

	private static ServerSsl enabledSsl() {
		Ssl ssl = new Ssl();
		ssl.setBundle("web");
		return new ServerSsl(ssl, "web", Map.of());
	}

}
