package io.github.hotcert.boot3.autoconfigure;

import io.github.hotcert.server.ServerSslApplier;
import io.github.hotcert.server.netty.NettySslApplier;
import org.junit.jupiter.api.Test;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HotcertNettyAutoConfiguration}.
 */
class HotcertNettyAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(HotcertServerAutoConfigurations.ALL)
		.withClassLoader(HotcertServerAutoConfigurations.onlyNetty());

	@Test
	void providesTheNettyApplierAloneWhenReactorNettyIsTheOnlyServer() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(NettySslApplier.class);
			assertThat(context.getBeansOfType(ServerSslApplier.class)).hasSize(1);
		});
	}

	@Test
	void backsOffWithoutReactorNetty() {
		this.runner.withClassLoader(new FilteredClassLoader(HttpServer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(NettySslApplier.class));
	}

	@Test
	void backsOffInAServletApplication() {
		new WebApplicationContextRunner().withConfiguration(HotcertServerAutoConfigurations.ALL)
			.withClassLoader(HotcertServerAutoConfigurations.onlyNetty())
			.run((context) -> assertThat(context).doesNotHaveBean(NettySslApplier.class));
	}

	@Test
	void backsOffWhenHotcertIsDisabled() {
		this.runner.withPropertyValues("hotcert.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(NettySslApplier.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnApplier() {
		this.runner.withUserConfiguration(CustomApplier.class)
			.run((context) -> assertThat(context).getBean(NettySslApplier.class)
				.isSameAs(context.getBean(CustomApplier.class).applier));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomApplier {

		final NettySslApplier applier = new NettySslApplier((webServer) -> false);

		@Bean
		NettySslApplier customNettySslApplier() {
			return this.applier;
		}

	}

}
