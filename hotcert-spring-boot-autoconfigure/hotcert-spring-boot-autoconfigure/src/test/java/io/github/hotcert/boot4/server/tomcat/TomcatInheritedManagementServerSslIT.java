package io.github.hotcert.boot4.server.tomcat;

import io.github.hotcert.server.InheritedManagementServerSslContract;
import io.github.hotcert.testsupport.TestWebApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A management server that takes its SSL from {@code server.ssl} reloads on embedded
 * Tomcat.
 */
class TomcatInheritedManagementServerSslIT extends InheritedManagementServerSslContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return TestWebApplication.run(new Class<?>[] { TomcatReloadContractIT.TomcatServer.class }, properties);
	}

	@Override
	protected String targetDescription(int port) {
		return "tomcat https port " + port + " (default host)";
	}

}
