package io.github.hotcert.boot3.server.jetty;

import io.github.hotcert.compatibility.SslSmokeCompatibilityContract;
import io.github.hotcert.testsupport.TestWebApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring Boot's SSL smoke tests on embedded Jetty, with hotcert and without it.
 */
class JettySslSmokeCompatibilityIT extends SslSmokeCompatibilityContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return TestWebApplication.run(new Class<?>[] { JettyReloadContractIT.JettyServer.class },
				TestWebApplication.concat(new String[] { JettyReloadContractIT.WITHOUT_WEBSOCKET }, properties));
	}

}
