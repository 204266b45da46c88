package io.github.hotcert.boot4.server.jetty;

import io.github.hotcert.acme.AcmeSharedStorageContract;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ACME shared storage contract on embedded Jetty.
 */
class JettyAcmeSharedStorageIT extends AcmeSharedStorageContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return JettyAcmeIT.application(properties);
	}

}
