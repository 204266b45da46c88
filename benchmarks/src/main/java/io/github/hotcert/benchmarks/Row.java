package io.github.hotcert.benchmarks;

/**
 * One line of the results table.
 *
 * @param item the number of the measurement in the benchmark's brief (1 to 6)
 * @param measurement what was measured
 * @param variant which application, server and settings
 * @param result the measured numbers
 * @param target the target, or an empty string when there is none
 * @param status whether the target was met
 */
record Row(int item, String measurement, String variant, String result, String target, Status status) {

	static Row of(int item, String measurement, String variant, String result) {
		return new Row(item, measurement, variant, result, "", Status.NONE);
	}

	static Row failed(int item, String measurement, String variant, Exception ex) {
		String message = String.valueOf(ex).lines().findFirst().orElse("");
		return new Row(item, measurement, variant, "not measured: " + message, "", Status.ERROR);
	}

	/**
	 * Whether a target was met.
	 */
	enum Status {

		/**
		 * No target for this line.
		 */
		NONE(""),

		/**
		 * The target was met.
		 */
		MET("met"),

		/**
		 * The target was missed.
		 */
		MISSED("**missed**"),

		/**
		 * The measurement failed.
		 */
		ERROR("**error**");

		private final String text;

		Status(String text) {
			this.text = text;
		}

		String text() {
			return this.text;
		}

		static Status of(boolean met) {
			return met ? MET : MISSED;
		}

	}

}
