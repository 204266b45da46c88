package io.github.hotcert.boot3.autoconfigure;

import java.util.function.Consumer;

import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HotcertTomcatManagementContextConfiguration}.
 */
class HotcertTomcatManagementContextConfigurationTests {

	@Test
	void isAManagementContextConfigurationCandidate() {
		assertThat(ImportCandidates.load(ManagementContextConfiguration.class, getClass().getClassLoader()))
			.contains(HotcertTomcatManagementContextConfiguration.class.getName());
	}

	@Test
	void customizesTheTomcatOfTheChildContextWhenTheParentReloadsCertificates() {
		withParent(true,
				(parent) -> child(parent).run((context) -> assertThat(customizersOfChild(context)).hasSize(1)));
	}

	@Test
	void backsOffWhenTheParentDoesNotReloadCertificates() {
		withParent(false,
				(parent) -> child(parent).run((context) -> assertThat(customizersOfChild(context)).isEmpty()));
	}

	@Test
	void backsOffWithoutTomcat() {
		withParent(true, (parent) -> child(parent).withClassLoader(new FilteredClassLoader(Tomcat.class))
			.run((context) -> assertThat(customizersOfChild(context)).isEmpty()));
	}

	/**
	 * The parent's own customizer does not customize the child's Tomcat: only the child's
	 * beans count.
	 */
	private static String[] customizersOfChild(ApplicationContext context) {
		return context.getBeanNamesForType(TomcatSslBundlesCustomizer.class);
	}

	private WebApplicationContextRunner child(ConfigurableApplicationContext parent) {
		return new WebApplicationContextRunner().withParent(parent)
			.withUserConfiguration(HotcertTomcatManagementContextConfiguration.class);
	}

	private void withParent(boolean hotcertEnabled, Consumer<ConfigurableApplicationContext> consumer) {
		new WebApplicationContextRunner().withConfiguration(HotcertServerAutoConfigurations.ALL)
			.withPropertyValues("hotcert.enabled=" + hotcertEnabled)
			.run(consumer::accept);
	}

}
