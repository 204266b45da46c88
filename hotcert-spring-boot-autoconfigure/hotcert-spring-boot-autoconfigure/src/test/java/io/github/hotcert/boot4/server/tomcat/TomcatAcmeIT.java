package io.github.hotcert.boot4.server.tomcat;

import io.github.hotcert.acme.AcmeServerContract;
import io.github.hotcert.testsupport.TestWebApplication;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ACME contract on embedded Tomcat.
 */
class TomcatAcmeIT extends AcmeServerContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return TestWebApplication.run(new Class<?>[] { TomcatServer.class }, properties);
	}

	@Configuration(proxyBeanMethods = false)
	static class TomcatServer {

		@Bean
		TomcatServletWebServerFactory tomcatServletWebServerFactory() {
			return new TomcatServletWebServerFactory();
		}

	}

}
