package io.github.hotcert.boot3.server.jetty;

import io.github.hotcert.server.InheritedManagementServerSslContract;
import io.github.hotcert.testsupport.TestWebApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A management server that takes its SSL from {@code server.ssl} reloads on embedded
 * Jetty.
 */
class JettyInheritedManagementServerSslIT extends InheritedManagementServerSslContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return TestWebApplication.run(new Class<?>[] { JettyReloadContractIT.JettyServer.class },
				TestWebApplication.concat(new String[] { JettyReloadContractIT.WITHOUT_WEBSOCKET }, properties));
	}

	@Override
	protected String targetDescription(int port) {
		return "jetty https port " + port + " (default host)";
	}

}
