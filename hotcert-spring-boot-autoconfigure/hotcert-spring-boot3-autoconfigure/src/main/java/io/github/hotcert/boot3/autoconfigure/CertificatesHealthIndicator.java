package io.github.hotcert.boot3.autoconfigure;

import io.github.hotcert.actuate.CertificatesHealth;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.util.Assert;

/**
 * The {@link CertificatesHealth} of hotcert's bundles as a Spring Boot 3.5 health
 * indicator.
 */
public class CertificatesHealthIndicator extends AbstractHealthIndicator {

	private final CertificatesHealth health;

	/**
	 * Create a new {@link CertificatesHealthIndicator}.
	 * @param health the health of the certificates
	 */
	public CertificatesHealthIndicator(CertificatesHealth health) {
		super("Certificates health check failed");
		Assert.notNull(health, "'health' must not be null");
		this.health = health;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		CertificatesHealth.Report report = this.health.check();
		builder.status(new Status(report.status().name())).withDetails(report.details());
	}

}
