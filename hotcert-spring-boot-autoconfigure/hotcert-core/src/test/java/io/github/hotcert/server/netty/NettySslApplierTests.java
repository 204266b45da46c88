package io.github.hotcert.server.netty;

import java.util.List;
import java.util.Map;

import io.github.hotcert.server.ServerSsl;
import io.github.hotcert.server.SslTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link NettySslApplier}.
 */
@ExtendWith(OutputCaptureExtension.class)
class NettySslApplierTests {

	private final NettySslApplier applier = new NettySslApplier((webServer) -> true);

	private final WebServer webServer = mock(WebServer.class);

	NettySslApplierTests() {
		given(this.webServer.getPort()).willReturn(8443);
	}

	@Test
	void reportsEveryBundleWithoutUpdaterSinceSpringBootUpdatesReactorNetty(CapturedOutput output) {
		Ssl ssl = new Ssl();
		ssl.setBundle("web");
		List<SslTarget> targets = this.applier.getTargets(this.webServer,
				new ServerSsl(ssl, "web", Map.of("alpha.example", "alpha")));
		assertThat(targets).containsExactly(
				new SslTarget("web", null, "reactor-netty https port 8443 (default host)", null),
				new SslTarget("alpha", "alpha.example", "reactor-netty https port 8443 (host alpha.example)", null));
		assertThat(output).doesNotContain("hotcert cannot apply");
	}

	@Test
	void reportsADefaultHostConfiguredWithPropertiesAsATargetThatCannotFollowReloads(CapturedOutput output) {
		Ssl ssl = new Ssl();
		ssl.setCertificate("/etc/tls/tls.crt");
		ssl.setCertificatePrivateKey("/etc/tls/tls.key");
		List<SslTarget> targets = this.applier.getTargets(this.webServer, ServerSsl.of(ssl, "server.ssl"));
		assertThat(targets).containsExactly(
				SslTarget.cannotFollow("server.ssl", null, "reactor-netty https port 8443 (default host)"));
		assertThat(targets.get(0).followsReloads()).isFalse();
		assertThat(output)
			.contains("hotcert cannot apply reloaded certificates to the default host of "
					+ "reactor-netty https port 8443")
			.contains("'server.ssl.bundle'");
	}

}
