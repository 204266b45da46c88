package io.github.hotcert.boot3.server.tomcat;

import io.github.hotcert.acme.AcmeOutageContract;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ACME outage contract on embedded Tomcat.
 */
class TomcatAcmeOutageIT extends AcmeOutageContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return TomcatAcmeIT.application(properties);
	}

}
