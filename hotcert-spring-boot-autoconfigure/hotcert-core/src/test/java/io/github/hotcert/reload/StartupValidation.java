package io.github.hotcert.reload;

/**
 * Puts a bundle in the state it has while the material it serves since startup is being
 * validated, for tests of what is reported meanwhile.
 */
public final class StartupValidation {

	private StartupValidation() {
	}

	public static void start(ManagedBundle bundle) {
		bundle.setValidating(true);
	}

}
