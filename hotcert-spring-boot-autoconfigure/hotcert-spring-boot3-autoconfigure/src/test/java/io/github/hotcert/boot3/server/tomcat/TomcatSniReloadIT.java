package io.github.hotcert.boot3.server.tomcat;

import io.github.hotcert.server.SniReloadContract;
import io.github.hotcert.testsupport.TestWebApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * SNI host-name bundles reload independently on embedded Tomcat.
 */
class TomcatSniReloadIT extends SniReloadContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return TestWebApplication.run(new Class<?>[] { TomcatReloadContractIT.TomcatServer.class }, properties);
	}

	@Override
	protected String targetDescription(int port, String serverName) {
		return "tomcat https port " + port + " (host " + serverName + ")";
	}

}
