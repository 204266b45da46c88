package io.github.hotcert.boot3.server.undertow;

import io.github.hotcert.compatibility.SslSmokeCompatibilityContract;
import io.github.hotcert.testsupport.TestWebApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring Boot's SSL smoke tests on embedded Undertow, with hotcert and without it.
 */
class UndertowSslSmokeCompatibilityIT extends SslSmokeCompatibilityContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return TestWebApplication.run(new Class<?>[] { UndertowReloadContractIT.UndertowServer.class }, properties);
	}

}
