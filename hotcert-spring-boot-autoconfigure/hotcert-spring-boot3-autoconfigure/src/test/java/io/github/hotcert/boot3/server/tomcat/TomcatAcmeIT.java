package io.github.hotcert.boot3.server.tomcat;

import io.github.hotcert.acme.AcmeServerContract;
import io.github.hotcert.testsupport.TestWebApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ACME contract on embedded Tomcat.
 */
class TomcatAcmeIT extends AcmeServerContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return TestWebApplication.run(new Class<?>[] { TomcatReloadContractIT.TomcatServer.class }, properties);
	}

}
