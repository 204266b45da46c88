package io.github.hotcert.metrics;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.hotcert.acme.AcmeBundle;
import io.github.hotcert.acme.AcmeBundles;
import io.github.hotcert.acme.AcmeOrderEvent;
import io.github.hotcert.acme.AcmeOrderResult;
import io.github.hotcert.acme.OrderOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.ApplicationListener;
import org.springframework.util.Assert;

/**
 * {@link MeterBinder} for the ACME bundles: a counter of orders by outcome, counted from
 * each {@link AcmeOrderEvent}, and gauges of each bundle's next renewal, failures in a
 * row and temporary certificate. The counters of issued and failed orders are registered
 * at zero when binding, so that the first order after a restart shows in
 * {@code increase()}.
 */
public class AcmeMetrics implements MeterBinder, ApplicationListener<AcmeOrderEvent> {

	/**
	 * Name of the counter of orders.
	 */
	public static final String ORDERS = "hotcert.acme.orders";

	/**
	 * Name of the gauge of the time of the next order.
	 */
	public static final String NEXT_RENEWAL = "hotcert.acme.next.renewal.timestamp";

	/**
	 * Name of the gauge of the number of orders that failed in a row.
	 */
	public static final String CONSECUTIVE_FAILURES = "hotcert.acme.consecutive.failures";

	/**
	 * Name of the gauge that is 1 while the temporary certificate is stored.
	 */
	public static final String TEMPORARY = "hotcert.acme.temporary.certificate";

	private static final String NO_REASON = "none";

	private final AcmeBundles bundles;

	private final Set<MeterRegistry> registries = ConcurrentHashMap.newKeySet();

	/**
	 * Create a new {@link AcmeMetrics}.
	 * @param bundles the ACME bundles
	 */
	public AcmeMetrics(AcmeBundles bundles) {
		Assert.notNull(bundles, "'bundles' must not be null");
		this.bundles = bundles;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (AcmeBundle bundle : this.bundles.getBundles()) {
			String name = bundle.getName();
			Gauge.builder(NEXT_RENEWAL, bundle, AcmeMetrics::nextRenewal)
				.description("When the next order of the bundle's certificate is attempted, in seconds since the epoch")
				.baseUnit("seconds")
				.tag("bundle", name)
				.strongReference(true)
				.register(registry);
			Gauge.builder(CONSECUTIVE_FAILURES, bundle, (each) -> each.getStatus().getConsecutiveFailures())
				.description("Number of orders that failed in a row since the last issued certificate")
				.tag("bundle", name)
				.strongReference(true)
				.register(registry);
			Gauge.builder(TEMPORARY, bundle, (each) -> each.getStatus().isTemporary() ? 1 : 0)
				.description("1 while the temporary self-signed certificate is served instead of one of the CA")
				.tag("bundle", name)
				.strongReference(true)
				.register(registry);
			counter(registry, name, OrderOutcome.ISSUED, NO_REASON);
			counter(registry, name, OrderOutcome.FAILED, NO_REASON);
		}
		this.registries.add(registry);
	}

	@Override
	public void onApplicationEvent(AcmeOrderEvent event) {
		AcmeOrderResult result = event.getResult();
		for (MeterRegistry registry : this.registries) {
			counter(registry, result.bundle(), result.outcome(),
					(result.reason() != null) ? result.reason() : NO_REASON)
				.increment();
		}
	}

	private static Counter counter(MeterRegistry registry, String bundle, OrderOutcome outcome, String reason) {
		return Counter.builder(ORDERS)
			.description("Orders of certificates from the ACME CA, by how they ended and why they failed")
			.tag("bundle", bundle)
			.tag("outcome", outcome.id())
			.tag("reason", reason)
			.register(registry);
	}

	private static double nextRenewal(AcmeBundle bundle) {
		Instant next = bundle.getStatus().getNextAttempt();
		return (next != null) ? next.toEpochMilli() / 1000.0 : Double.NaN;
	}

}
