package io.github.hotcert.boot3.server.undertow;

import io.github.hotcert.server.ManagementServerReloadContract;
import io.github.hotcert.testsupport.TestWebApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The management server on its own SSL port reloads on embedded Undertow.
 */
class UndertowManagementServerReloadIT extends ManagementServerReloadContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		Class<?>[] all = { UndertowReloadContractIT.UndertowServer.class };
		return TestWebApplication.run(all, properties);
	}

	@Override
	protected String targetDescription(int port) {
		return "undertow https port " + port + " (default host)";
	}

}
