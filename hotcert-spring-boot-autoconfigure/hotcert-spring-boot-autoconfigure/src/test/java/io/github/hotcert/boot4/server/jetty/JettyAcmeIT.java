package io.github.hotcert.boot4.server.jetty;

import io.github.hotcert.acme.AcmeServerContract;
import io.github.hotcert.testsupport.TestWebApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ACME contract on embedded Jetty.
 */
class JettyAcmeIT extends AcmeServerContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return TestWebApplication.run(new Class<?>[] { JettyReloadContractIT.JettyServer.class },
				TestWebApplication.concat(new String[] { JettyReloadContractIT.WITHOUT_WEBSOCKET }, properties));
	}

}
