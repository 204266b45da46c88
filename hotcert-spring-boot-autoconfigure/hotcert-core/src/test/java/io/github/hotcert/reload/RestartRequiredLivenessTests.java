package io.github.hotcert.reload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.hotcert.source.MaterialSource;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.MaterialValidator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link RestartRequiredLiveness}.
 */
class RestartRequiredLivenessTests {

	private final List<Object> published = new CopyOnWriteArrayList<>();

	private final ManagedBundle bundle = bundle();

	private final CertificateReloader reloader = new CertificateReloader(List.of(this.bundle),
			new MaterialValidator(List.of(), TestValidation.policy()), (event) -> {
			}, Clock.systemUTC());

	private final RestartRequiredLiveness liveness = new RestartRequiredLiveness(this.reloader, this.published::add);

	@Test
	void breaksTheLivenessStateOnceWhenAReloadLeavesABundleRequiringARestart() {
		this.bundle.addConsumerThatCannotFollow("fixed server");
		this.liveness.onApplicationEvent(event(ReloadOutcome.UNCHANGED));
		assertThat(this.published).isEmpty();
		ReloadResult reloaded = result(ReloadOutcome.RELOADED);
		this.bundle.record(reloaded, false);
		this.liveness.onApplicationEvent(new CertificateReloadEvent(this, reloaded));
		this.liveness.onApplicationEvent(new CertificateReloadEvent(this, reloaded));
		assertThat(this.published).singleElement()
			.satisfies((event) -> assertThat(((AvailabilityChangeEvent<?>) event).getState())
				.isEqualTo(LivenessState.BROKEN));
	}

	@Test
	void leavesTheLivenessStateAloneWhenEveryConsumerFollows() {
		this.bundle.addConsumer("following server");
		ReloadResult reloaded = result(ReloadOutcome.RELOADED);
		this.bundle.record(reloaded, false);
		this.liveness.onApplicationEvent(new CertificateReloadEvent(this, reloaded));
		assertThat(this.published).isEmpty();
	}

	private CertificateReloadEvent event(ReloadOutcome outcome) {
		return new CertificateReloadEvent(this, result(outcome));
	}

	private static ReloadResult result(ReloadOutcome outcome) {
		return new ReloadResult("web", ReloadTrigger.WATCH, outcome, Instant.now(), Duration.ZERO, null, null, null,
				"test", List.of(), null);
	}

	private static ManagedBundle bundle() {
		MaterialSource source = mock(MaterialSource.class);
		given(source.getBundleName()).willReturn("web");
		return new ManagedBundle(source, new LocalBundlePublisher("web"), 10);
	}

}
