package io.github.hotcert.boot4.server.tomcat;

import io.github.hotcert.server.ServerReloadContract;
import io.github.hotcert.testsupport.TestWebApplication;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reload contract on embedded Tomcat.
 */
class TomcatReloadContractIT extends ServerReloadContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return TestWebApplication.run(new Class<?>[] { TomcatServer.class }, properties);
	}

	@Override
	protected String targetDescription(int port) {
		return "tomcat https port " + port + " (default host)";
	}

	@Configuration(proxyBeanMethods = false)
	static class TomcatServer {

		@Bean
		TomcatServletWebServerFactory tomcatServletWebServerFactory() {
			return new TomcatServletWebServerFactory();
		}

	}

}
