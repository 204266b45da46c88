package io.github.hotcert.boot4.server.jetty;

import io.github.hotcert.server.ServerReloadContract;
import io.github.hotcert.testsupport.TestWebApplication;

import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reload contract on embedded Jetty.
 */
class JettyReloadContractIT extends ServerReloadContract {

	/**
	 * With Tomcat also on the test class path, Spring Boot's WebSocket auto-configuration
	 * registers Tomcat's WebSocket customizer instead of Jetty's, and Jetty cannot start:
	 * an application with Jetty alone does not need this.
	 */
	static final String WITHOUT_WEBSOCKET = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration";

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return TestWebApplication.run(new Class<?>[] { JettyServer.class },
				TestWebApplication.concat(new String[] { WITHOUT_WEBSOCKET }, properties));
	}

	@Override
	protected String targetDescription(int port) {
		return "jetty https port " + port + " (default host)";
	}

	@Configuration(proxyBeanMethods = false)
	static class JettyServer {

		@Bean
		JettyServletWebServerFactory jettyServletWebServerFactory() {
			return new JettyServletWebServerFactory();
		}

	}

}
