package io.github.hotcert.boot4.server.netty;

import io.github.hotcert.acme.AcmeSharedStorageContract;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ACME shared storage contract on Reactor Netty (WebFlux).
 */
class NettyAcmeSharedStorageIT extends AcmeSharedStorageContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return NettyAcmeIT.application(properties);
	}

}
