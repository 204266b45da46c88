package io.github.hotcert.reload;

import java.util.concurrent.atomic.AtomicBoolean;

import io.github.hotcert.logging.LogFields;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.util.Assert;

/**
 * Sets Spring Boot's {@link LivenessState liveness state} to {@link LivenessState#BROKEN
 * BROKEN} when a reload leaves a bundle {@link ManagedBundle#getRestartRequired()
 * requiring a restart}: a consumer cannot take the new material while the application
 * runs. A Kubernetes liveness probe on {@code /actuator/health/liveness} then restarts
 * the container, which starts with the new material. Used only when asked for, since
 * every replica that receives the new material at the same time is restarted at the same
 * time.
 */
public class RestartRequiredLiveness implements ApplicationListener<CertificateReloadEvent> {

	private static final Log logger = LogFactory.getLog(RestartRequiredLiveness.class);

	private final CertificateReloader reloader;

	private final ApplicationEventPublisher eventPublisher;

	private final AtomicBoolean broken = new AtomicBoolean();

	/**
	 * Create a new {@link RestartRequiredLiveness}.
	 * @param reloader the reloader that owns the bundles
	 * @param eventPublisher the publisher of the availability change
	 */
	public RestartRequiredLiveness(CertificateReloader reloader, ApplicationEventPublisher eventPublisher) {
		Assert.notNull(reloader, "'reloader' must not be null");
		Assert.notNull(eventPublisher, "'eventPublisher' must not be null");
		this.reloader = reloader;
		this.eventPublisher = eventPublisher;
	}

	@Override
	public void onApplicationEvent(CertificateReloadEvent event) {
		if (event.getResult().outcome() != ReloadOutcome.RELOADED) {
			return;
		}
		ManagedBundle bundle = this.reloader.getBundle(event.getResult().bundle());
		RestartRequired restartRequired = (bundle != null) ? bundle.getRestartRequired() : null;
		if (restartRequired != null && this.broken.compareAndSet(false, true)) {
			LogFields.bundle(bundle.getName())
				.warn(logger, "%s: setting the liveness state to BROKEN (hotcert.restart.break-liveness=true)"
					.formatted(restartRequired.describe(bundle.getName())));
			AvailabilityChangeEvent.publish(this.eventPublisher, this, LivenessState.BROKEN);
		}
	}

}
