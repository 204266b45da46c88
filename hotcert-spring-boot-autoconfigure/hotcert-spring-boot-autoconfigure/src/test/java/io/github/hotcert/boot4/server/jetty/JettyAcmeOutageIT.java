package io.github.hotcert.boot4.server.jetty;

import io.github.hotcert.acme.AcmeOutageContract;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ACME outage contract on embedded Jetty.
 */
class JettyAcmeOutageIT extends AcmeOutageContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return JettyAcmeIT.application(properties);
	}

}
