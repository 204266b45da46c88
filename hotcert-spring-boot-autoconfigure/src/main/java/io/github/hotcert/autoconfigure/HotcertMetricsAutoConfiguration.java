package io.github.hotcert.autoconfigure;

import io.github.hotcert.metrics.CertificateMetrics;
import io.github.hotcert.metrics.ReloadMetrics;
import io.github.hotcert.metrics.ReloadMetricsListener;
import io.github.hotcert.reload.CertificateReloader;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of hotcert's Micrometer metrics, when Micrometer is present and the
 * application has a {@link MeterRegistry}.
 */
@AutoConfiguration(after = HotcertAutoConfiguration.class,
		afterName = { "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, CertificateReloader.class })
public class HotcertMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CertificateMetrics hotcertCertificateMetrics(CertificateReloader reloader) {
		return new CertificateMetrics(reloader);
	}

	@Bean
	@ConditionalOnMissingBean
	ReloadMetrics hotcertReloadMetrics(CertificateReloader reloader) {
		return new ReloadMetrics(reloader);
	}

	@Bean
	@ConditionalOnMissingBean
	ReloadMetricsListener hotcertReloadMetricsListener(CertificateMetrics certificateMetrics,
			ReloadMetrics reloadMetrics) {
		return new ReloadMetricsListener(certificateMetrics, reloadMetrics);
	}

}
