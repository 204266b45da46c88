package io.github.hotcert.config;

import io.github.hotcert.metrics.CertificateMetrics;
import io.github.hotcert.metrics.ReloadMetrics;
import io.github.hotcert.metrics.ReloadMetricsListener;
import io.github.hotcert.reload.CertificateReloader;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * hotcert's Micrometer meters, the same on every Spring Boot line. Imported by each
 * line's metrics auto-configuration once a {@code MeterRegistry} is there.
 */
@Configuration(proxyBeanMethods = false)
public class HotcertMetricsConfiguration {

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
