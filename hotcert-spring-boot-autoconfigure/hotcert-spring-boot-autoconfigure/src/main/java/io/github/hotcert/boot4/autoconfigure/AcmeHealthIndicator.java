package io.github.hotcert.boot4.autoconfigure;

import io.github.hotcert.actuate.AcmeHealth;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * The {@link AcmeHealth} of hotcert's ACME bundles as a Spring Boot 4 health indicator.
 */
public class AcmeHealthIndicator extends AbstractHealthIndicator {

	private final AcmeHealth health;

	/**
	 * Create a new {@link AcmeHealthIndicator}.
	 * @param health the health of the ACME bundles
	 */
	public AcmeHealthIndicator(AcmeHealth health) {
		super("ACME health check failed");
		Assert.notNull(health, "'health' must not be null");
		this.health = health;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		AcmeHealth.Report report = this.health.check();
		builder.status((report.status() == AcmeHealth.Status.DOWN) ? Status.DOWN : Status.UP)
			.withDetails(report.details());
	}

}
