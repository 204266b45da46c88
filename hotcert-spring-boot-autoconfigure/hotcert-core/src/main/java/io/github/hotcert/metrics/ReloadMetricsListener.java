package io.github.hotcert.metrics;

import io.github.hotcert.reload.CertificateReloadEvent;

import org.springframework.context.ApplicationListener;
import org.springframework.util.Assert;

/**
 * Keeps the metrics in step with reloads: records every {@link CertificateReloadEvent}
 * and refreshes the certificate gauges, so that the gauges of a replaced certificate
 * disappear with the swap.
 */
public class ReloadMetricsListener implements ApplicationListener<CertificateReloadEvent> {

	private final CertificateMetrics certificateMetrics;

	private final ReloadMetrics reloadMetrics;

	/**
	 * Create a new {@link ReloadMetricsListener}.
	 * @param certificateMetrics the certificate gauges to refresh
	 * @param reloadMetrics the reload meters to record to
	 */
	public ReloadMetricsListener(CertificateMetrics certificateMetrics, ReloadMetrics reloadMetrics) {
		Assert.notNull(certificateMetrics, "'certificateMetrics' must not be null");
		Assert.notNull(reloadMetrics, "'reloadMetrics' must not be null");
		this.certificateMetrics = certificateMetrics;
		this.reloadMetrics = reloadMetrics;
	}

	@Override
	public void onApplicationEvent(CertificateReloadEvent event) {
		this.reloadMetrics.record(event.getResult());
		this.certificateMetrics.refresh();
	}

}
