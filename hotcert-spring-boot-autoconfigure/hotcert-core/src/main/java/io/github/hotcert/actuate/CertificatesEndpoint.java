package io.github.hotcert.actuate;

import java.security.Principal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.hotcert.acme.AcmeBundles;
import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ManagedBundle;
import io.github.hotcert.reload.ReloadRequest;
import io.github.hotcert.reload.ReloadResult;
import io.github.hotcert.reload.ReloadTrigger;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * {@link Endpoint @Endpoint} that shows the certificates hotcert keeps up to date and
 * reloads them on request. Reading is permitted by default; reloading only once access to
 * the endpoint is {@link Access#UNRESTRICTED unrestricted}, for example with
 * {@code management.endpoint.certificates.access=unrestricted}.
 */
@Endpoint(id = "certificates", defaultAccess = Access.READ_ONLY)
public class CertificatesEndpoint {

	private final CertificateReloader reloader;

	private final Clock clock;

	private final AcmeBundles acmeBundles;

	/**
	 * Create a new {@link CertificatesEndpoint}.
	 * @param reloader the reloader that owns the bundles
	 * @param clock the clock used to compute the time until expiry
	 */
	public CertificatesEndpoint(CertificateReloader reloader, Clock clock) {
		this(reloader, clock, null);
	}

	/**
	 * Create a new {@link CertificatesEndpoint} that also shows how the certificates of
	 * ACME bundles are obtained.
	 * @param reloader the reloader that owns the bundles
	 * @param clock the clock used to compute the time until expiry
	 * @param acmeBundles the ACME bundles, or {@code null}
	 */
	public CertificatesEndpoint(CertificateReloader reloader, Clock clock, AcmeBundles acmeBundles) {
		Assert.notNull(reloader, "'reloader' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.reloader = reloader;
		this.clock = clock;
		this.acmeBundles = acmeBundles;
	}

	/**
	 * Describe every bundle.
	 * @return the description of every bundle
	 */
	@ReadOperation
	public CertificatesDescriptor certificates() {
		Map<String, BundleDescriptor> bundles = new LinkedHashMap<>();
		for (ManagedBundle bundle : this.reloader.getBundles()) {
			bundles.put(bundle.getName(), descriptor(bundle));
		}
		return new CertificatesDescriptor(bundles);
	}

	/**
	 * Describe one bundle.
	 * @param bundle the bundle name
	 * @return the description, or {@code null} when no bundle has that name
	 */
	@ReadOperation
	public BundleDescriptor bundle(@Selector String bundle) {
		ManagedBundle managed = this.reloader.getBundle(bundle);
		return (managed != null) ? descriptor(managed) : null;
	}

	private BundleDescriptor descriptor(ManagedBundle bundle) {
		return BundleDescriptor.of(bundle, this.clock, AcmeDescriptor.of(this.acmeBundles, bundle.getName()));
	}

	/**
	 * Check every bundle and reload those whose material changed.
	 * @param dryRun whether to validate the material only, changing nothing
	 * @param force whether to publish the material even when it is unchanged
	 * @param principal the user who asked, if known
	 * @return the result of each bundle
	 */
	@WriteOperation
	public ReloadsDescriptor reloadAll(@Nullable Boolean dryRun, @Nullable Boolean force,
			@Nullable Principal principal) {
		ReloadRequest request = request(dryRun, force, principal);
		return describe(request, this.reloader.reloadAll(request));
	}

	/**
	 * Check one bundle and reload it if its material changed.
	 * @param bundle the bundle name
	 * @param dryRun whether to validate the material only, changing nothing
	 * @param force whether to publish the material even when it is unchanged
	 * @param principal the user who asked, if known
	 * @return the result, or {@code null} when no bundle has that name
	 */
	@WriteOperation
	public ReloadsDescriptor reload(@Selector String bundle, @Nullable Boolean dryRun, @Nullable Boolean force,
			@Nullable Principal principal) {
		if (this.reloader.getBundle(bundle) == null) {
			return null;
		}
		ReloadRequest request = request(dryRun, force, principal);
		return describe(request, List.of(this.reloader.reload(bundle, request)));
	}

	private static ReloadRequest request(Boolean dryRun, Boolean force, Principal principal) {
		return new ReloadRequest(ReloadTrigger.MANUAL, Boolean.TRUE.equals(dryRun), Boolean.TRUE.equals(force),
				(principal != null) ? principal.getName() : null);
	}

	private static ReloadsDescriptor describe(ReloadRequest request, List<ReloadResult> results) {
		Map<String, ReloadDescriptor> bundles = new LinkedHashMap<>();
		results.forEach((result) -> bundles.put(result.bundle(), ReloadDescriptor.of(result)));
		return new ReloadsDescriptor(request.dryRun(), request.force(), bundles);
	}

}
