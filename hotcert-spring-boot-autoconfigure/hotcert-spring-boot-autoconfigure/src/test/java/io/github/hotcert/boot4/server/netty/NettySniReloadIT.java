package io.github.hotcert.boot4.server.netty;

import io.github.hotcert.server.SniReloadContract;
import io.github.hotcert.testsupport.TestReactiveWebApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * SNI host-name bundles reload independently on Reactor Netty, through Spring Boot's own
 * update handlers.
 */
class NettySniReloadIT extends SniReloadContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return TestReactiveWebApplication.run(new Class<?>[] { NettyReloadContractIT.NettyServer.class }, properties);
	}

	@Override
	protected String targetDescription(int port, String serverName) {
		return "reactor-netty https port " + port + " (host " + serverName + ")";
	}

}
