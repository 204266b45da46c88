package io.github.hotcert.reload;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * An {@link ObservationConvention} for the reloads of SSL bundles. Define a bean of this
 * type to change the name or the key values of the reload observation.
 *
 * @see DefaultReloadObservationConvention
 */
public interface ReloadObservationConvention extends ObservationConvention<ReloadObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ReloadObservationContext;
	}

}
