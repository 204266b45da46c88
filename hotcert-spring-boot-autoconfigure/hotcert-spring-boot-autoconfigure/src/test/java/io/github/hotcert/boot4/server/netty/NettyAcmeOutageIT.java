package io.github.hotcert.boot4.server.netty;

import io.github.hotcert.acme.AcmeOutageContract;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ACME outage contract on Reactor Netty (WebFlux).
 */
class NettyAcmeOutageIT extends AcmeOutageContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return NettyAcmeIT.application(properties);
	}

}
