package io.github.hotcert.boot4.autoconfigure;

import io.github.hotcert.server.ServerSslApplier;
import io.github.hotcert.server.tomcat.TomcatSslApplier;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HotcertTomcatAutoConfiguration}.
 */
class HotcertTomcatAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(HotcertServerAutoConfigurations.ALL)
		.withClassLoader(HotcertServerAutoConfigurations.onlyTomcat());

	@Test
	void providesTheTomcatApplierAloneWhenTomcatIsTheOnlyServer() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(TomcatSslApplier.class);
			assertThat(context).hasSingleBean(TomcatSslBundlesCustomizer.class);
			assertThat(context.getBeansOfType(ServerSslApplier.class)).hasSize(1);
		});
	}

	@Test
	void backsOffWithoutTomcat() {
		this.runner.withClassLoader(new FilteredClassLoader(Tomcat.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(TomcatSslApplier.class);
			assertThat(context).doesNotHaveBean(TomcatSslBundlesCustomizer.class);
		});
	}

	@Test
	void backsOffWhenHotcertIsDisabled() {
		this.runner.withPropertyValues("hotcert.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TomcatSslApplier.class));
	}

}
