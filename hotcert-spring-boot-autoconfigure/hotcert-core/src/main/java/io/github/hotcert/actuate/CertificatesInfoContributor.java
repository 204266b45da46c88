package io.github.hotcert.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ManagedBundle;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.source.CertificateInfo;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.util.Assert;

/**
 * {@link InfoContributor} that shows, for each bundle hotcert keeps up to date, the
 * certificate it serves and how its last reload ended, or that the material it serves
 * since startup is still being validated.
 */
public class CertificatesInfoContributor implements InfoContributor {

	private final CertificateReloader reloader;

	/**
	 * Create a new {@link CertificatesInfoContributor}.
	 * @param reloader the reloader that owns the bundles
	 */
	public CertificatesInfoContributor(CertificateReloader reloader) {
		Assert.notNull(reloader, "'reloader' must not be null");
		this.reloader = reloader;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> bundles = new LinkedHashMap<>();
		for (ManagedBundle bundle : this.reloader.getBundles()) {
			bundles.put(bundle.getName(), describe(bundle));
		}
		builder.withDetail("certificates", bundles);
	}

	private Map<String, Object> describe(ManagedBundle bundle) {
		Map<String, Object> description = new LinkedHashMap<>();
		if (bundle.isValidating()) {
			description.put("validating", true);
			return description;
		}
		CertificateInfo leaf = (bundle.getServed() != null) ? bundle.getServed().leaf() : null;
		if (leaf != null) {
			description.put("subject", leaf.subject());
			description.put("serialNumber", leaf.serialNumber());
			description.put("notAfter", leaf.notAfter());
		}
		ReloadResult last = bundle.getLastResult();
		if (last != null) {
			description.put("lastReload", last.time());
			description.put("lastOutcome", last.outcome().id());
		}
		return description;
	}

}
