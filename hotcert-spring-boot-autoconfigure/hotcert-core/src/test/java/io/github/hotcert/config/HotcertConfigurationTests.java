package io.github.hotcert.config;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.RestartRequiredLiveness;
import io.github.hotcert.reload.SslBundleRebinder;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.BundleRole;
import io.github.hotcert.validation.Check;
import io.github.hotcert.validation.MaterialValidator;
import io.github.hotcert.validation.Severity;
import io.github.hotcert.validation.ValidationPolicy;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HotcertConfiguration}.
 */
class HotcertConfigurationTests {

	private final HotcertConfiguration configuration = new HotcertConfiguration();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(HotcertConfiguration.class, BoundProperties.class)
		.withBean(DefaultSslBundleRegistry.class)
		.withBean(CertificateReloader.class, () -> new CertificateReloader(List.of(),
				new MaterialValidator(List.of(), TestValidation.policy()), (event) -> {
				}, Clock.systemUTC()));

	@Test
	void rebindsTheBundlesWhenSpringCloudRefreshesTheEnvironment() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SslBundleRebinder.class);
			assertThat(context).hasBean("hotcertEnvironmentChangeListener");
		});
	}

	@Test
	void listensToNoEnvironmentChangeWithoutSpringCloud() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.cloud"))
			.run((context) -> assertThat(context).hasSingleBean(SslBundleRebinder.class)
				.doesNotHaveBean("hotcertEnvironmentChangeListener"));
	}

	@Test
	void listensToNoEnvironmentChangeWhenRefreshIsDisabled() {
		this.runner.withPropertyValues("hotcert.refresh.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("hotcertEnvironmentChangeListener"));
	}

	@Test
	void breaksTheLivenessStateForARequiredRestartOnlyWhenAskedTo() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(RestartRequiredLiveness.class));
		this.runner.withPropertyValues("hotcert.restart.break-liveness=true")
			.run((context) -> assertThat(context).hasSingleBean(RestartRequiredLiveness.class));
	}

	@Test
	void validatesWithTheDefaultSeveritiesAndTheDefaultsOfTheProperties() {
		ValidationPolicy policy = this.configuration.hotcertValidationPolicy(new HotcertProperties());
		assertThat(policy.getSettings("web")).isEqualTo(TestValidation.SETTINGS);
		for (Check check : Check.values()) {
			assertThat(policy.getSeverity("web", check)).isEqualTo(ValidationPolicy.defaultSeverities().get(check));
		}
		assertThat(policy.getSeverity("web", Check.KEY_STRENGTH)).isEqualTo(Severity.WARN);
		assertThat(policy.getSettings("web").role()).as("inferred").isNull();
	}

	@Test
	void takesTheRoleOfABundleFromItsValidationProperties() {
		HotcertProperties properties = new HotcertProperties();
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("hotcert.validation.bundles.partner.role",
				"client", "hotcert.validation.bundles.ca.role", "TRUST")));
		binder.bind("hotcert", Bindable.ofInstance(properties));
		ValidationPolicy policy = this.configuration.hotcertValidationPolicy(properties);
		assertThat(policy.getSettings("partner").role()).isEqualTo(BundleRole.CLIENT);
		assertThat(policy.getSettings("ca").role()).isEqualTo(BundleRole.TRUST);
		assertThat(policy.getSettings("web").role()).isNull();
	}

	@Test
	void refusesASeverityForApplyWithAnErrorThatNamesTheProperty() {
		this.runner.withPropertyValues("hotcert.validation.checks.apply=warn")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("hotcert.validation.checks.apply")
				.hasMessageContaining("'apply' is not a check that can be configured")
				.hasMessageContaining("Remove the property"));
		this.runner.withPropertyValues("hotcert.validation.bundles.internal.checks.apply=off")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("hotcert.validation.bundles.internal.checks.apply"));
		this.runner.withPropertyValues("hotcert.validation.bundles[api.v2].checks.apply=off")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("hotcert.validation.bundles[api.v2].checks.apply"));
		this.runner.withPropertyValues("hotcert.validation.bundles.internal.checks.dates=warn")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ValidationPolicy.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(HotcertProperties.class)
	static class BoundProperties {

	}

}
