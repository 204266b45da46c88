package io.github.hotcert.reload;

/**
 * Records reload results in a {@link ManagedBundle} the way the reloader does, for tests
 * of what reads them.
 */
public final class BundleReloads {

	private BundleReloads() {
	}

	/**
	 * Record a result, with no change waiting on disk.
	 * @param bundle the bundle
	 * @param result the result
	 */
	public static void record(ManagedBundle bundle, ReloadResult result) {
		bundle.record(result, false);
	}

}
