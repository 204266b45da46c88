package io.github.hotcert.config;

import java.util.List;

import io.github.hotcert.actuate.BundleDescriptor;
import io.github.hotcert.actuate.CertificateDescriptor;
import io.github.hotcert.actuate.CertificatesDescriptor;
import io.github.hotcert.actuate.CertificatesEndpoint;
import io.github.hotcert.actuate.CertificatesEndpointWebExtension;
import io.github.hotcert.actuate.ReloadDescriptor;
import io.github.hotcert.actuate.ReloadsDescriptor;
import io.github.hotcert.actuate.ServedDescriptor;
import io.github.hotcert.actuate.SourceDescriptor;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HotcertRuntimeHints} and for the hints Spring gives hotcert's
 * endpoint.
 */
class HotcertRuntimeHintsTests {

	private final ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();

	@Test
	void registersTheClassesLookedUpByName() {
		RuntimeHints hints = hotcertHints();
		assertThat(HotcertRuntimeHints.CLASSES_LOOKED_UP).containsExactlyInAnyOrder(
				"org.springframework.boot.EnvironmentPostProcessor",
				"org.springframework.boot.actuate.autoconfigure.web.server.ManagementServerProperties", "org.slf4j.MDC",
				"org.bouncycastle.openssl.jcajce.JcaPEMWriter");
		for (String className : HotcertRuntimeHints.CLASSES_LOOKED_UP) {
			assertThat(this.reflection.onType(TypeReference.of(className))).accepts(hints);
		}
	}

	@Test
	void registersThePropertiesBoundBeforeTheApplicationContextExists() {
		RuntimeHints hints = hotcertHints();
		assertThat(this.reflection.onType(HotcertProperties.Development.class)).accepts(hints);
		assertThat(this.reflection.onMethod(HotcertProperties.Development.class, "setGenerateMissingCertificates"))
			.accepts(hints);
		assertThat(this.reflection.onMethod(HotcertProperties.Development.class, "setCertificateValidity"))
			.accepts(hints);
		assertThat(this.reflection.onMethod(PemSslBundleProperties.class, "getKeystore")).accepts(hints);
		assertThat(this.reflection.onMethod(PemSslBundleProperties.Store.class, "setCertificate")).accepts(hints);
		assertThat(this.reflection.onMethod(PemSslBundleProperties.Store.class, "setPrivateKey")).accepts(hints);
	}

	@Test
	void isRegisteredForSpringAot() {
		List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader
			.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class);
		assertThat(registrars).hasAtLeastOneElementOfType(HotcertRuntimeHints.class);
	}

	@Test
	void springRegistersTheJsonOfTheCertificatesEndpointFromItsOperations() {
		RuntimeHints hints = new RuntimeHints();
		new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(hints, CertificatesEndpoint.class,
				CertificatesEndpointWebExtension.class);
		assertThat(this.reflection.onMethod(CertificatesEndpoint.class, "certificates")).accepts(hints);
		assertThat(this.reflection.onMethod(CertificatesEndpointWebExtension.class, "reload")).accepts(hints);
		for (Class<?> descriptor : List.of(CertificatesDescriptor.class, BundleDescriptor.class, ServedDescriptor.class,
				SourceDescriptor.class, CertificateDescriptor.class, ReloadsDescriptor.class, ReloadDescriptor.class)) {
			assertThat(this.reflection.onType(descriptor)).as("hints of %s", descriptor.getSimpleName()).accepts(hints);
		}
		assertThat(this.reflection.onMethod(CertificateDescriptor.class, "serialNumber")).accepts(hints);
		assertThat(this.reflection.onMethod(ReloadDescriptor.class, "outcome")).accepts(hints);
		assertThat(this.reflection.onType(SourceDescriptor.LocationDescriptor.class)).accepts(hints);
	}

	private static RuntimeHints hotcertHints() {
		RuntimeHints hints = new RuntimeHints();
		new HotcertRuntimeHints().registerHints(hints, HotcertRuntimeHintsTests.class.getClassLoader());
		return hints;
	}

}
