package io.github.hotcert.server.tomcat;

import java.time.Duration;

import io.github.hotcert.server.ManagementServerReloadContract;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management server on its own SSL port reloads on embedded Tomcat.
 */
class TomcatManagementServerReloadIT extends ManagementServerReloadContract {

	@Override
	protected ConfigurableApplicationContext run(Class<?>[] sources, String... properties) {
		Class<?>[] all = { sources[0], TomcatReloadContractIT.TomcatServer.class };
		return TestWebApplication.run(all, properties);
	}

	@Override
	protected String targetDescription(int port) {
		return "tomcat https port " + port + " (default host)";
	}

	@Test
	void managementHostConfigIsUpdatedInPlaceNotReplacedBySpringBoot() throws Exception {
		SSLHostConfig before = hostConfig();
		Issued rotated = issue("management-2.example");
		managementFiles().replace(rotated);
		client().awaitSerial(managementPort(), rotated.serialHex(), Duration.ofSeconds(20));
		assertThat(hostConfig()).isSameAs(before);
	}

	private SSLHostConfig hostConfig() {
		TomcatWebServer webServer = (TomcatWebServer) managementWebServer();
		return ((AbstractHttp11Protocol<?>) webServer.getTomcat().getConnector().getProtocolHandler())
			.findSslHostConfigs()[0];
	}

}
