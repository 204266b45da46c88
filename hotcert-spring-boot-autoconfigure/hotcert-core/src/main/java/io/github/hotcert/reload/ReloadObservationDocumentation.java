package io.github.hotcert.reload;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation of the reloads of SSL bundles: one observation per reload of one
 * bundle, whatever started it.
 */
public enum ReloadObservationDocumentation implements ObservationDocumentation {

	/**
	 * One reload of one bundle, from reading its material to publishing it (or rejecting
	 * it), recording it and announcing it.
	 */
	RELOAD {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultReloadObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

	};

	/**
	 * The low cardinality key names of the reload observation: the tags of the
	 * {@code hotcert.reload} counter.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * The SSL bundle name.
		 */
		BUNDLE {

			@Override
			public String asString() {
				return "bundle";
			}

		},

		/**
		 * What started the reload, such as {@code watch} or {@code manual}.
		 */
		TRIGGER {

			@Override
			public String asString() {
				return "trigger";
			}

		},

		/**
		 * How the reload ended: {@code reloaded}, {@code unchanged}, {@code rejected},
		 * {@code valid}, or {@code unknown} while it runs.
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		},

		/**
		 * The check that rejected the material, or {@code none}.
		 */
		REASON {

			@Override
			public String asString() {
				return "reason";
			}

		}

	}

}
