package io.github.hotcert.reload;

import io.github.hotcert.reload.ReloadObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The default {@link ReloadObservationConvention}: the observation is named
 * {@value #NAME}, its contextual name (the name of a span) is {@code reload <bundle>},
 * and its low cardinality key values are the bundle, the trigger, the outcome and the
 * reason, with the values of the {@code hotcert.reload} counter. While a reload runs its
 * outcome is {@code unknown}.
 */
public class DefaultReloadObservationConvention implements ReloadObservationConvention {

	/**
	 * The name of the reload observation. It is not the name of any of hotcert's own
	 * meters, so the timer that Micrometer's {@code DefaultMeterObservationHandler} makes
	 * of it never clashes with them.
	 */
	public static final String NAME = "hotcert.bundle.reload";

	private static final String UNKNOWN = "unknown";

	private static final String NONE = "none";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(ReloadObservationContext context) {
		return "reload " + context.getBundle();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ReloadObservationContext context) {
		ReloadResult result = context.getResult();
		return KeyValues.of(LowCardinalityKeyNames.BUNDLE.withValue(context.getBundle()),
				LowCardinalityKeyNames.TRIGGER.withValue(context.getRequest().trigger().id()),
				LowCardinalityKeyNames.OUTCOME.withValue((result != null) ? result.outcome().id() : UNKNOWN),
				LowCardinalityKeyNames.REASON.withValue((result != null) ? result.reasonTag() : NONE));
	}

}
