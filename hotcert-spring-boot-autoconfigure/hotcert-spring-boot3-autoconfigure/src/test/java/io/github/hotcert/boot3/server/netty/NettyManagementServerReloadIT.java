package io.github.hotcert.boot3.server.netty;

import io.github.hotcert.server.ManagementServerReloadContract;
import io.github.hotcert.testsupport.TestReactiveWebApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The management server on its own SSL port reloads on Reactor Netty.
 */
class NettyManagementServerReloadIT extends ManagementServerReloadContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		Class<?>[] all = { NettyReloadContractIT.NettyServer.class };
		return TestReactiveWebApplication.run(all, properties);
	}

	@Override
	protected String targetDescription(int port) {
		return "reactor-netty https port " + port + " (default host)";
	}

}
