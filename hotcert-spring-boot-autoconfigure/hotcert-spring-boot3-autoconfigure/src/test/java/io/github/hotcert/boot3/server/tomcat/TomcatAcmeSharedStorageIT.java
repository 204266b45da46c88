package io.github.hotcert.boot3.server.tomcat;

import io.github.hotcert.acme.AcmeSharedStorageContract;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ACME shared storage contract on embedded Tomcat.
 */
class TomcatAcmeSharedStorageIT extends AcmeSharedStorageContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return TomcatAcmeIT.application(properties);
	}

}
