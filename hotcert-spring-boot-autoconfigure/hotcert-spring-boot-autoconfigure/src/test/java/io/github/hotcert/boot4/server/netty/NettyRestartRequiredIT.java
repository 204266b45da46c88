package io.github.hotcert.boot4.server.netty;

import java.nio.file.Path;

import io.github.hotcert.config.BundleDiscovery;
import io.github.hotcert.server.RestartRequiredContract;
import io.github.hotcert.testsupport.TestReactiveWebApplication;
import io.github.hotcert.testsupport.TestWebApplication;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reactor Netty configured with {@code server.ssl.*} certificate properties instead of an
 * SSL bundle: Spring Boot registers no update handler for it, so new material is reported
 * as a required restart.
 */
class NettyRestartRequiredIT extends RestartRequiredContract {

	@Override
	protected ConfigurableApplicationContext run(Path certificate, Path privateKey, String... properties) {
		return TestReactiveWebApplication.run(new Class<?>[] { NettyServer.class },
				TestWebApplication.concat(new String[] { "server.ssl.certificate=" + certificate,
						"server.ssl.certificate-private-key=" + privateKey }, properties));
	}

	@Override
	protected String bundle() {
		return BundleDiscovery.SERVER_SSL_BUNDLE_NAME;
	}

	@Override
	protected String consumerDescription(int port) {
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
