package io.github.hotcert.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.validation.BundleRole;
import io.github.hotcert.validation.MaterialValidator;
import io.github.hotcert.validation.ValidationPolicy;
import io.github.hotcert.validation.ValidationResult;

/**
 * A {@link MaterialValidator} with the default checks that holds every validation until
 * the test releases it, for tests of what happens while material is being validated.
 */
public final class HeldValidator extends MaterialValidator {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final CountDownLatch started = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	public HeldValidator(ValidationPolicy policy) {
		super(MaterialValidator.withDefaultChecks(Clock.systemUTC(), policy).getChecks(), policy);
	}

	@Override
	public ValidationResult validate(LoadedMaterial material, BundleRole inferredRole,
			List<CertificateInfo> servedTrust) {
		this.started.countDown();
		try {
			this.release.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return super.validate(material, inferredRole, servedTrust);
	}

	/**
	 * Wait until a validation is held.
	 * @return whether one is
	 * @throws InterruptedException if interrupted
	 */
	public boolean awaitHeld() throws InterruptedException {
		return this.started.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Let every validation run, now and from now on.
	 */
	public void release() {
		this.release.countDown();
	}

}
