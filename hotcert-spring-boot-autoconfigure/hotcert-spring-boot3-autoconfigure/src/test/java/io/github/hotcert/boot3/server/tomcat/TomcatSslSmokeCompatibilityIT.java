package io.github.hotcert.boot3.server.tomcat;

import io.github.hotcert.compatibility.SslSmokeCompatibilityContract;
import io.github.hotcert.testsupport.TestWebApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring Boot's SSL smoke tests on embedded Tomcat, with hotcert and without it.
 */
class TomcatSslSmokeCompatibilityIT extends SslSmokeCompatibilityContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return TestWebApplication.run(new Class<?>[] { TomcatReloadContractIT.TomcatServer.class }, properties);
	}

}
