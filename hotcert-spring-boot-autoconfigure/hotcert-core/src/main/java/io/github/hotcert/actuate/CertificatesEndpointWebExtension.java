package io.github.hotcert.actuate;

import java.security.Principal;

import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.lang.Nullable;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the
 * {@link CertificatesEndpoint}: a reload of an unknown bundle answers {@code 404}, and a
 * reload that rejected the material of any bundle answers {@code 422}, so that
 * {@code curl -f} and scripts fail.
 */
@EndpointWebExtension(endpoint = CertificatesEndpoint.class)
public class CertificatesEndpointWebExtension {

	/**
	 * The status of a response to a reload that rejected material.
	 */
	public static final int STATUS_UNPROCESSABLE_ENTITY = 422;

	private final CertificatesEndpoint delegate;

	/**
	 * Create a new {@link CertificatesEndpointWebExtension}.
	 * @param delegate the endpoint
	 */
	public CertificatesEndpointWebExtension(CertificatesEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * Check every bundle and reload those whose material changed.
	 * @param dryRun whether to validate the material only, changing nothing
	 * @param force whether to publish the material even when it is unchanged
	 * @param principal the user who asked, if known
	 * @return the result of each bundle, with status {@code 422} if any was rejected
	 */
	@WriteOperation
	public WebEndpointResponse<ReloadsDescriptor> reloadAll(@Nullable Boolean dryRun, @Nullable Boolean force,
			@Nullable Principal principal) {
		return respond(this.delegate.reloadAll(dryRun, force, principal));
	}

	/**
	 * Check one bundle and reload it if its material changed.
	 * @param bundle the bundle name
	 * @param dryRun whether to validate the material only, changing nothing
	 * @param force whether to publish the material even when it is unchanged
	 * @param principal the user who asked, if known
	 * @return the result, with status {@code 422} if it was rejected, or status
	 * {@code 404} when no bundle has that name
	 */
	@WriteOperation
	public WebEndpointResponse<ReloadsDescriptor> reload(@Selector String bundle, @Nullable Boolean dryRun,
			@Nullable Boolean force, @Nullable Principal principal) {
		ReloadsDescriptor result = this.delegate.reload(bundle, dryRun, force, principal);
		if (result == null) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return respond(result);
	}

	private static WebEndpointResponse<ReloadsDescriptor> respond(ReloadsDescriptor result) {
		return new WebEndpointResponse<>(result,
				result.hasRejection() ? STATUS_UNPROCESSABLE_ENTITY : WebEndpointResponse.STATUS_OK);
	}

}
