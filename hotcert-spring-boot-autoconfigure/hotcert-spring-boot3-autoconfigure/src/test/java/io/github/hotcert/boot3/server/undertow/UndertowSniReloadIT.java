package io.github.hotcert.boot3.server.undertow;

import io.github.hotcert.server.SniReloadContract;
import io.github.hotcert.testsupport.TestWebApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * SNI host-name bundles reload independently on embedded Undertow, although Spring Boot
 * builds Undertow's SNI mapping once, at startup.
 */
class UndertowSniReloadIT extends SniReloadContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return TestWebApplication.run(new Class<?>[] { UndertowReloadContractIT.UndertowServer.class }, properties);
	}

	@Override
	protected String targetDescription(int port, String serverName) {
		return "undertow https port " + port + " (host " + serverName + ")";
	}

}
