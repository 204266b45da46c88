package io.github.hotcert.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * {@link MeterBinder} for the certificates that the managed bundles serve: one
 * {@code hotcert.certificate.expiration.timestamp} and one
 * {@code hotcert.certificate.not.before.timestamp} gauge per certificate of each key
 * store chain (leaf and intermediates) and of each trust store, in seconds since the
 * epoch, and one {@code hotcert.certificate.info} gauge per bundle, always 1, whose tags
 * name the served certificate (its serial and SHA-256 fingerprint), for queries across
 * the instances of an application. {@link #refresh()} brings the gauges in line with what
 * is served: the gauges of a replaced certificate are removed, so that each bundle has
 * one info series at a time.
 * <p>
 * The gauges are registered at the first {@link #refresh()}, which hotcert makes when a
 * bundle's startup material is validated: binding only remembers the registry, so that
 * registering does not compete with the application's first requests.
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

	/**
	 * Name of the gauge whose tags name the certificate each bundle serves.
	 */
	public static final String INFO = "hotcert.certificate.info";

	private final CertificateReloader reloader;

	private final Set<MeterRegistry> bound = new LinkedHashSet<>();

	private final Map<MeterRegistry, Gauges> gauges = new HashMap<>();

	private boolean started;

	/**
	 * Create a new {@link CertificateMetrics}.
	 * @param reloader the reloader whose bundles are measured
	 */
	public CertificateMetrics(CertificateReloader reloader) {
		Assert.notNull(reloader, "'reloader' must not be null");
		this.reloader = reloader;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		this.bound.add(registry);
		if (this.started) {
			this.gauges.computeIfAbsent(registry, Gauges::new).register(rows(), infoRows());
		}
	}

	/**
	 * Update the gauges to the certificates served now, in every registry this binder is
	 * bound to: register them where they are not yet, add the new certificates, remove
	 * those no longer served. Later binding registers them at once.
	 */
	public synchronized void refresh() {
		this.started = true;
		Map<Tags, CertificateInfo> rows = rows();
		List<Tags> info = infoRows();
		for (MeterRegistry registry : this.bound) {
			this.gauges.computeIfAbsent(registry, Gauges::new).register(rows, info);
		}
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

	private List<Tags> infoRows() {
		List<Tags> rows = new ArrayList<>();
		for (ManagedBundle bundle : this.reloader.getBundles()) {
			CertificateInfo leaf = (bundle.getServed() != null) ? bundle.getServed().leaf() : null;
			if (leaf != null) {
				rows.add(Tags.of("bundle", bundle.getName(), "serial", leaf.serialNumber(), "fingerprint",
						leaf.sha256Fingerprint()));
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

		private final MultiGauge info;

		Gauges(MeterRegistry registry) {
			this.expiration = MultiGauge.builder(EXPIRATION)
				.description("When the certificate expires (its notAfter date), in seconds since the epoch")
				.baseUnit("seconds")
				.register(registry);
			this.notBefore = MultiGauge.builder(NOT_BEFORE)
				.description("When the certificate becomes valid (its notBefore date), in seconds since the epoch")
				.baseUnit("seconds")
				.register(registry);
			this.info = MultiGauge.builder(INFO)
				.description("Always 1: the tags name the certificate that the bundle serves, the leaf of its chain")
				.register(registry);
		}

		void register(Map<Tags, CertificateInfo> rows, List<Tags> info) {
			this.expiration.register(rows(rows, CertificateInfo::notAfter), false);
			this.notBefore.register(rows(rows, CertificateInfo::notBefore), false);
			this.info.register(info.stream().map((tags) -> Row.of(tags, 1)).toList(), false);
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
