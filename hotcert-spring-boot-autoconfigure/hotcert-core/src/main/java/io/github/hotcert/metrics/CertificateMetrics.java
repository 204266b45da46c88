package io.github.hotcert.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ManagedBundle;
import io.github.hotcert.reload.ServedMaterial;
import io.github.hotcert.source.CertificateInfo;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * {@link MeterBinder} for the validity dates of every certificate that the managed
 * bundles serve: one {@code hotcert.certificate.expiration.timestamp} and one
 * {@code hotcert.certificate.not.before.timestamp} gauge per certificate of each key
 * store chain (leaf and intermediates) and of each trust store, in seconds since the
 * epoch. {@link #refresh()} brings the gauges in line with what is served: the gauges of
 * a replaced certificate are removed.
 */
public class CertificateMetrics implements MeterBinder {

	/**
	 * Name of the gauge of the end of the validity period.
	 */
	public static final String EXPIRATION = "hotcert.certificate.expiration.timestamp";

	/**
	 * Name of the gauge of the start of the validity period.
	 */
	public static final String NOT_BEFORE = "hotcert.certificate.not.before.timestamp";

	private final CertificateReloader reloader;

	private final Map<MeterRegistry, Gauges> gauges = new ConcurrentHashMap<>();

	/**
	 * Create a new {@link CertificateMetrics}.
	 * @param reloader the reloader whose bundles are measured
	 */
	public CertificateMetrics(CertificateReloader reloader) {
		Assert.notNull(reloader, "'reloader' must not be null");
		this.reloader = reloader;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauges registered = this.gauges.computeIfAbsent(registry, Gauges::new);
		synchronized (this) {
			registered.register(rows());
		}
	}

	/**
	 * Update the gauges to the certificates served now: add the new ones, remove those no
	 * longer served.
	 */
	public synchronized void refresh() {
		Map<Tags, CertificateInfo> rows = rows();
		this.gauges.values().forEach((registered) -> registered.register(rows));
	}

	private Map<Tags, CertificateInfo> rows() {
		Map<Tags, CertificateInfo> rows = new LinkedHashMap<>();
		for (ManagedBundle bundle : this.reloader.getBundles()) {
			ServedMaterial served = bundle.getServed();
			if (served != null) {
				List<CertificateInfo> chain = served.chain();
				for (int i = 0; i < chain.size(); i++) {
					rows.putIfAbsent(tags(bundle.getName(), "keystore", chain.get(i), i == 0), chain.get(i));
				}
				for (CertificateInfo trusted : served.trustedCertificates()) {
					rows.putIfAbsent(tags(bundle.getName(), "truststore", trusted, false), trusted);
				}
			}
		}
		return rows;
	}

	private static Tags tags(String bundle, String store, CertificateInfo certificate, boolean leaf) {
		return Tags.of("bundle", bundle, "store", store, "serial", certificate.serialNumber(), "subject.cn",
				CertificateInfo.commonNameValue(certificate.subject()), "issuer.cn",
				CertificateInfo.commonNameValue(certificate.issuer()), "leaf", Boolean.toString(leaf));
	}

	private static double epochSeconds(Instant instant) {
		return instant.getEpochSecond();
	}

	/**
	 * The gauges bound to one registry.
	 */
	private static final class Gauges {

		private final MultiGauge expiration;

		private final MultiGauge notBefore;

		Gauges(MeterRegistry registry) {
			this.expiration = MultiGauge.builder(EXPIRATION)
				.description("When the certificate expires (its notAfter date), in seconds since the epoch")
				.baseUnit("seconds")
				.register(registry);
			this.notBefore = MultiGauge.builder(NOT_BEFORE)
				.description("When the certificate becomes valid (its notBefore date), in seconds since the epoch")
				.baseUnit("seconds")
				.register(registry);
		}

		void register(Map<Tags, CertificateInfo> rows) {
			this.expiration.register(rows(rows, CertificateInfo::notAfter), false);
			this.notBefore.register(rows(rows, CertificateInfo::notBefore), false);
		}

		private static List<Row<CertificateInfo>> rows(Map<Tags, CertificateInfo> certificates,
				Function<CertificateInfo, Instant> date) {
			List<Row<CertificateInfo>> rows = new ArrayList<>();
			certificates.forEach((tags, certificate) -> rows
				.add(Row.of(tags, certificate, (value) -> epochSeconds(date.apply(value)))));
			return rows;
		}

	}

}
