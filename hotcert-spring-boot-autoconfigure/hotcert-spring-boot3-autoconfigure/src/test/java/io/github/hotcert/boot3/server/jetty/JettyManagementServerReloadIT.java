package io.github.hotcert.boot3.server.jetty;

import io.github.hotcert.server.ManagementServerReloadContract;
import io.github.hotcert.testsupport.TestWebApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The management server on its own SSL port reloads on embedded Jetty.
 */
class JettyManagementServerReloadIT extends ManagementServerReloadContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		Class<?>[] all = { JettyReloadContractIT.JettyServer.class };
		return TestWebApplication.run(all,
				TestWebApplication.concat(new String[] { JettyReloadContractIT.WITHOUT_WEBSOCKET }, properties));
	}

	@Override
	protected String targetDescription(int port) {
		return "jetty https port " + port + " (default host)";
	}

}
