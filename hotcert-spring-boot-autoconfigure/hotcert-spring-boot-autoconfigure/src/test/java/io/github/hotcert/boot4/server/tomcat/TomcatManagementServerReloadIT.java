package io.github.hotcert.boot4.server.tomcat;

import java.time.Duration;

import io.github.hotcert.server.ManagementServerReloadContract;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestWebApplication;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management server on its own SSL port reloads on embedded Tomcat.
 */
class TomcatManagementServerReloadIT extends ManagementServerReloadContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		Class<?>[] all = { TomcatReloadContractIT.TomcatServer.class, ManagementTomcat.class };
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
		TomcatWebServer webServer = context().getBean(ManagementTomcat.class).webServer;
		return ((AbstractHttp11Protocol<?>) webServer.getTomcat().getConnector().getProtocolHandler())
			.findSslHostConfigs()[0];
	}

	/**
	 * Captures the management server when its child context publishes it.
	 */
	static class ManagementTomcat implements ApplicationListener<WebServerInitializedEvent> {

		private volatile TomcatWebServer webServer;

		@Override
		public void onApplicationEvent(WebServerInitializedEvent event) {
			if ("management".equals(event.getApplicationContext().getServerNamespace())) {
				this.webServer = (TomcatWebServer) event.getWebServer();
			}
		}

	}

}
