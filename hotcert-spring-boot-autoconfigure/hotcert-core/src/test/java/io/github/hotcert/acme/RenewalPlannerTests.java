package io.github.hotcert.acme;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.toolbox.JSON;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RenewalPlanner} and {@link RenewalInfoReader}: the renewal information
 * is read from responses in the shape that RFC 9773 and Let's Encrypt serve (Pebble 2.4
 * serves none).
 */
class RenewalPlannerTests {

	private static final Instant NOT_BEFORE = Instant.parse("2024-12-01T04:00:00Z");

	private static final Instant NOT_AFTER = NOT_BEFORE.plus(Duration.ofDays(90));

	private final RenewalPlanner planner = new RenewalPlanner(1.0 / 3, new Random(42));

	@Test
	void withoutRenewalInformationRenewsWhenAThirdOfTheLifetimeRemains() {
		Instant now = NOT_BEFORE.plus(Duration.ofDays(1));
		RenewalPlan plan = this.planner.plan(now, NOT_BEFORE, NOT_AFTER, null);
		assertThat(plan.renewAt()).isEqualTo(NOT_AFTER.minus(Duration.ofDays(30)));
		assertThat(plan.checkAt()).isEqualTo(plan.renewAt());
		assertThat(plan.basis()).isEqualTo("30 days of the certificate's lifetime of 90 days left");
		assertThat(plan.isDue(now)).isFalse();
		assertThat(plan.isDue(plan.renewAt())).isTrue();
	}

	@Test
	void renewalRatioSetsTheTimeLeftAtRenewal() {
		RenewalPlan plan = new RenewalPlanner(0.5, new Random(1)).plan(NOT_BEFORE, NOT_BEFORE,
				NOT_BEFORE.plus(Duration.ofHours(160)), null);
		assertThat(plan.renewAt()).isEqualTo(NOT_BEFORE.plus(Duration.ofHours(80)));
	}

	@Test
	void rfc9773ResponseGivesARandomMomentInsideTheWindow() throws IOException {
		RenewalWindow window = read("renewal-info-rfc9773.json", null);
		assertThat(window.isValid()).isTrue();
		assertThat(window.explanationUrl()).isEqualTo("https://acme.example.com/docs/ari");
		Instant now = Instant.parse("2025-01-01T00:00:00Z");
		Instant notBefore = Instant.parse("2024-10-05T04:00:00Z");
		Set<Instant> moments = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			RenewalPlan plan = new RenewalPlanner(1.0 / 3, new Random(i)).plan(now, notBefore,
					notBefore.plus(Duration.ofDays(90)), window);
			assertThat(plan.renewAt()).isBetween(window.start(), window.end());
			assertThat(plan.renewAt()).isNotEqualTo(window.end());
			assertThat(plan.basis()).contains("renewal window the CA suggests").contains("2025-01-02T04:00:00Z");
			moments.add(plan.renewAt());
		}
		assertThat(moments).as("spread over the window, not one fixed moment").hasSizeGreaterThan(150);
	}

	@Test
	void keepsTheChosenMomentWhileTheCaSuggestsTheSameWindow() throws IOException {
		RenewalWindow window = read("renewal-info-letsencrypt.json", null);
		Instant notBefore = Instant.parse("2025-02-21T07:17:08Z");
		Instant notAfter = notBefore.plus(Duration.ofDays(90));
		Instant now = Instant.parse("2025-03-01T00:00:00Z");
		RenewalPlan first = this.planner.plan(now, notBefore, notAfter, window);
		RenewalPlan second = this.planner.plan(now.plus(Duration.ofHours(6)), notBefore, notAfter,
				read("renewal-info-letsencrypt.json", null));
		assertThat(second.renewAt()).isEqualTo(first.renewAt());
	}

	@Test
	void aWindowThatStartedAlreadyGivesAMomentFromNowOn() throws IOException {
		RenewalWindow window = read("renewal-info-letsencrypt.json", null);
		Instant now = Instant.parse("2025-03-23T07:17:07Z");
		for (int i = 0; i < 50; i++) {
			RenewalPlan plan = new RenewalPlanner(1.0 / 3, new Random(i)).plan(now,
					Instant.parse("2025-02-21T07:17:08Z"), Instant.parse("2025-05-22T07:17:08Z"), window);
			assertThat(plan.renewAt()).isBetween(now, window.end());
		}
	}

	@Test
	void aWindowInThePastMeansRenewNow() throws IOException {
		RenewalWindow window = read("renewal-info-revoked.json", null);
		Instant now = Instant.parse("2025-01-01T00:00:00Z");
		RenewalPlan plan = this.planner.plan(now, NOT_BEFORE, NOT_AFTER, window);
		assertThat(plan.renewAt()).isEqualTo(now);
		assertThat(plan.isDue(now)).isTrue();
	}

	@Test
	void anInvertedWindowIsNotFollowed() throws IOException {
		RenewalWindow window = read("renewal-info-inverted.json", null);
		assertThat(window.isValid()).isFalse();
		Instant now = NOT_BEFORE.plus(Duration.ofDays(1));
		RenewalPlan plan = this.planner.plan(now, NOT_BEFORE, NOT_AFTER, window);
		assertThat(plan.renewAt()).isEqualTo(NOT_AFTER.minus(Duration.ofDays(30)));
		assertThat(plan.basis()).contains("is not usable");
	}

	@Test
	void aResponseWithoutWindowIsNotFollowed() throws IOException {
		RenewalWindow window = read("renewal-info-without-window.json", null);
		assertThat(window.isValid()).isFalse();
		RenewalPlan plan = this.planner.plan(NOT_BEFORE, NOT_BEFORE, NOT_AFTER, window);
		assertThat(plan.renewAt()).isEqualTo(NOT_AFTER.minus(Duration.ofDays(30)));
	}

	@Test
	void asksAgainAfterRetryAfterWithinLimits() throws IOException {
		Instant now = Instant.parse("2024-12-20T00:00:00Z");
		RenewalPlan withoutRetryAfter = this.planner.plan(now, NOT_BEFORE, NOT_AFTER,
				read("renewal-info-rfc9773.json", null));
		assertThat(withoutRetryAfter.checkAt()).isEqualTo(now.plus(Duration.ofHours(6)));
		RenewalPlan soon = this.planner.plan(now, NOT_BEFORE, NOT_AFTER,
				read("renewal-info-rfc9773.json", now.plusSeconds(5)));
		assertThat(soon.checkAt()).as("never more often than once a minute").isEqualTo(now.plus(Duration.ofMinutes(1)));
		RenewalPlan late = this.planner.plan(now, NOT_BEFORE, NOT_AFTER,
				read("renewal-info-rfc9773.json", now.plus(Duration.ofDays(5))));
		assertThat(late.checkAt()).as("at least once a day").isEqualTo(now.plus(Duration.ofDays(1)));
		RenewalPlan hours = this.planner.plan(now, NOT_BEFORE, NOT_AFTER,
				read("renewal-info-rfc9773.json", now.plus(Duration.ofHours(3))));
		assertThat(hours.checkAt()).isEqualTo(now.plus(Duration.ofHours(3)));
	}

	@Test
	void checkIsNeverAfterTheRenewal() throws IOException {
		Instant now = Instant.parse("2025-01-02T03:00:00Z");
		RenewalPlan plan = this.planner.plan(now, NOT_BEFORE, NOT_AFTER, read("renewal-info-rfc9773.json", null));
		assertThat(plan.checkAt()).isBeforeOrEqualTo(plan.renewAt());
	}

	@Test
	void certificateThatIsNotTheCasIsRenewedNow() {
		Instant now = Instant.parse("2025-01-01T00:00:00Z");
		RenewalPlan plan = this.planner.now(now, "no certificate of the CA is stored yet");
		assertThat(plan.isDue(now)).isTrue();
		assertThat(plan.basis()).isEqualTo("no certificate of the CA is stored yet");
	}

	private RenewalWindow read(String name, Instant retryAfter) throws IOException {
		try (InputStream in = getClass().getResourceAsStream(name)) {
			return RenewalInfoReader.read(JSON.parse(in), retryAfter);
		}
	}

}
