package io.github.hotcert.boot3.server.undertow;

import io.github.hotcert.server.ServerReloadContract;
import io.github.hotcert.testsupport.TestWebApplication;

import org.springframework.boot.web.embedded.undertow.UndertowServletWebServerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reload contract on embedded Undertow.
 */
class UndertowReloadContractIT extends ServerReloadContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return TestWebApplication.run(new Class<?>[] { UndertowServer.class }, properties);
	}

	@Override
	protected String targetDescription(int port) {
		return "undertow https port " + port + " (default host)";
	}

	@Configuration(proxyBeanMethods = false)
	static class UndertowServer {

		@Bean
		UndertowServletWebServerFactory undertowServletWebServerFactory() {
			return new UndertowServletWebServerFactory();
		}

	}

}
