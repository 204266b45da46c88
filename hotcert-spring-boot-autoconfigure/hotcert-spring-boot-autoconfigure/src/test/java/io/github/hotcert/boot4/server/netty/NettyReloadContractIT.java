package io.github.hotcert.boot4.server.netty;

import io.github.hotcert.server.ServerReloadContract;
import io.github.hotcert.testsupport.TestReactiveWebApplication;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reload contract on Reactor Netty (WebFlux). hotcert only publishes the new bundle
 * through Spring Boot's registry here: these tests prove that this reaches the server.
 */
class NettyReloadContractIT extends ServerReloadContract {

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		return TestReactiveWebApplication.run(new Class<?>[] { NettyServer.class }, properties);
	}

	@Override
	protected String targetDescription(int port) {
		return "reactor-netty https port " + port + " (default host)";
	}

	@Configuration(proxyBeanMethods = false)
	static class NettyServer {

		@Bean
		NettyReactiveWebServerFactory nettyReactiveWebServerFactory() {
			return new NettyReactiveWebServerFactory();
		}

	}

}
