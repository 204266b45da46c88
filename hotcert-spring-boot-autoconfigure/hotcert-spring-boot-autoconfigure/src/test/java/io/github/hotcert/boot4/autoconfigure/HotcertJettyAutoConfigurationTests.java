package io.github.hotcert.boot4.autoconfigure;

import io.github.hotcert.server.ServerSslApplier;
import io.github.hotcert.server.jetty.JettySslApplier;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HotcertJettyAutoConfiguration}.
 */
class HotcertJettyAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(HotcertServerAutoConfigurations.ALL)
		.withClassLoader(HotcertServerAutoConfigurations.onlyJetty());

	@Test
	void providesTheJettyApplierAloneWhenJettyIsTheOnlyServer() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(JettySslApplier.class);
			assertThat(context.getBeansOfType(ServerSslApplier.class)).hasSize(1);
		});
	}

	@Test
	void backsOffWithoutJetty() {
		this.runner.withClassLoader(new FilteredClassLoader(Server.class))
			.run((context) -> assertThat(context).doesNotHaveBean(JettySslApplier.class));
	}

	@Test
	void backsOffWhenHotcertIsDisabled() {
		this.runner.withPropertyValues("hotcert.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(JettySslApplier.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnApplier() {
		this.runner.withUserConfiguration(CustomApplier.class)
			.run((context) -> assertThat(context).getBean(JettySslApplier.class)
				.isSameAs(context.getBean(CustomApplier.class).applier));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomApplier {

		final JettySslApplier applier = new JettySslApplier((webServer) -> null);

		@Bean
		JettySslApplier customJettySslApplier() {
			return this.applier;
		}

	}

}
