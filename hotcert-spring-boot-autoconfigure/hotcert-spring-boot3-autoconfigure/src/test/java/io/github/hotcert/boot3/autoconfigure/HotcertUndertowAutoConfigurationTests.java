package io.github.hotcert.boot3.autoconfigure;

import io.github.hotcert.server.ServedBundles;
import io.github.hotcert.server.ServerSslApplier;
import io.github.hotcert.server.undertow.UndertowSslApplier;
import io.undertow.Undertow;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link HotcertUndertowAutoConfiguration}.
 */
class HotcertUndertowAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(HotcertServerAutoConfigurations.ALL)
		.withClassLoader(HotcertServerAutoConfigurations.onlyUndertow());

	@Test
	void providesTheUndertowApplierAloneWhenUndertowIsTheOnlyServer() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(UndertowSslApplier.class);
			assertThat(context.getBeansOfType(ServerSslApplier.class)).hasSize(1);
		});
	}

	@Test
	void providesTheUndertowApplierInAReactiveApplication() {
		new ReactiveWebApplicationContextRunner().withConfiguration(HotcertServerAutoConfigurations.ALL)
			.withClassLoader(HotcertServerAutoConfigurations.onlyUndertow())
			.run((context) -> assertThat(context).hasSingleBean(UndertowSslApplier.class));
	}

	@Test
	void backsOffWithoutUndertow() {
		this.runner.withClassLoader(new FilteredClassLoader(Undertow.class))
			.run((context) -> assertThat(context).doesNotHaveBean(UndertowSslApplier.class));
	}

	@Test
	void backsOffWhenHotcertIsDisabled() {
		this.runner.withPropertyValues("hotcert.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(UndertowSslApplier.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnApplier() {
		this.runner.withUserConfiguration(CustomApplier.class)
			.run((context) -> assertThat(context).getBean(UndertowSslApplier.class)
				.isSameAs(context.getBean(CustomApplier.class).applier));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomApplier {

		final UndertowSslApplier applier = new UndertowSslApplier(mock(ServedBundles.class), (webServer) -> null);

		@Bean
		UndertowSslApplier customUndertowSslApplier() {
			return this.applier;
		}

	}

}
