package io.github.hotcert.boot3.autoconfigure;

import io.github.hotcert.config.HotcertMetricsConfiguration;
import io.github.hotcert.reload.CertificateReloader;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of hotcert's Micrometer metrics on Spring Boot 3.5, when Micrometer
 * is present and the application has a {@link MeterRegistry}.
 */
@AutoConfiguration(after = HotcertAutoConfiguration.class,
		afterName = { "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, CertificateReloader.class })
@Import(HotcertMetricsConfiguration.class)
public class HotcertMetricsAutoConfiguration {

}
