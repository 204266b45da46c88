package io.github.hotcert.boot4.server.netty;

import io.github.hotcert.acme.AcmeServerContract;
import io.github.hotcert.testsupport.TestReactiveWebApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ACME contract on Reactor Netty (WebFlux).
 */
class NettyAcmeIT extends AcmeServerContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return TestReactiveWebApplication.run(new Class<?>[] { NettyReloadContractIT.NettyServer.class }, properties);
	}

}
