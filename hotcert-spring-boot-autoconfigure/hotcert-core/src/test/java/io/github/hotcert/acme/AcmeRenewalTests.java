package io.github.hotcert.acme;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.hotcert.logging.LogFields;
import io.github.hotcert.source.MaterialSources;
import io.github.hotcert.testsupport.MutableClock;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestValidation;
import io.github.hotcert.validation.MaterialValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.slf4j.LoggerFactory;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AcmeRenewal}, with a CA that the test plays and a clock and scheduler
 * it moves: nothing waits.
 */
@ExtendWith(OutputCaptureExtension.class)
class AcmeRenewalTests {

	private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

	private static final Duration LIFETIME = Duration.ofDays(90);

	private final MutableClock clock = new MutableClock(START);

	private final TestCertificates certificates = new TestCertificates(this.clock);

	private final Issued authority = this.certificates.authority("ACME test CA");

	private final FakeCa ca = new FakeCa();

	private final Scheduled scheduler = new Scheduled();

	private final List<AcmeOrderResult> announced = new ArrayList<>();

	@TempDir
	Path storage;

	private AcmeBundle bundle;

	@BeforeEach
	void registerBundle() {
		this.bundle = bundle("web", "owner-a");
		new AcmeSslBundleRegistrar(bundles(), this.clock).registerBundles(new DefaultSslBundleRegistry());
	}

	@Test
	void ordersAtOnceWhenTheTemporaryCertificateIsStored() throws Exception {
		AcmeRenewal renewal = renewal(this.bundle, "owner-a");
		assertThat(this.bundle.getStatus().getState()).isEqualTo(AcmeState.PENDING);
		renewal.check();
		assertThat(this.ca.orders).isEqualTo(1);
		assertThat(stored().getSubjectX500Principal().getName()).isEqualTo("CN=web.example");
		assertThat(this.announced).singleElement()
			.satisfies((result) -> assertThat(result.outcome()).isEqualTo(OrderOutcome.ISSUED));
		assertThat(this.bundle.getStatus().getState()).isEqualTo(AcmeState.VALID);
		assertThat(this.scheduler.next()).isEqualTo(START);
	}

	@Test
	void plansRenewalWhenAThirdOfTheLifetimeRemains() throws Exception {
		AcmeRenewal renewal = renewal(this.bundle, "owner-a");
		renewal.check();
		renewal.check();
		assertThat(this.scheduler.next()).isEqualTo(START.plus(LIFETIME).minus(Duration.ofDays(30)));
		assertThat(this.bundle.getStatus().getState()).isEqualTo(AcmeState.VALID);
		this.clock.advance(Duration.ofDays(60));
		renewal.check();
		assertThat(this.ca.orders).isEqualTo(2);
		assertThat(this.ca.replaced).as("the replaced certificate is named").hasSize(2).last().isNotNull();
	}

	@Test
	void storesWhichCaIssuedTheCertificate() throws Exception {
		renewal(this.bundle, "owner-a").check();
		assertThat(this.bundle.files().readIssuer()).isEqualTo("https://ca.example/directory");
	}

	@Test
	void renewsAtOnceACertificateFromAnotherCa() throws Exception {
		Issued staging = this.ca.issue(AcmeKeyType.EC_P256.generate());
		BundleStorage files = this.bundle.files();
		files
			.publish(files.stage(staging.chain(), staging.keyPair().getPrivate(), "https://staging.example/directory"));
		renewal(this.bundle, "owner-a").check();
		assertThat(this.ca.orders).isEqualTo(1);
		assertThat(this.ca.replaced).as("not a replacement of another CA's certificate").containsOnlyNulls();
		assertThat(this.bundle.getStatus().getLastOrder().outcome()).isEqualTo(OrderOutcome.ISSUED);
	}

	@Test
	void showsTheOtherCaWithoutWhatItsUrlMayHoldBesidesTheDirectory() throws Exception {
		Issued staging = this.ca.issue(AcmeKeyType.EC_P256.generate());
		BundleStorage files = this.bundle.files();
		files.publish(files.stage(staging.chain(), staging.keyPair().getPrivate(),
				"https://user:secret@staging.example/directory?token=s3cr3t"));
		this.ca.failure = new AcmeFailure("unauthorized", "refused", null, null);
		renewal(this.bundle, "owner-a").check();
		assertThat(this.bundle.getStatus().getPlan().basis())
			.isEqualTo("the stored certificate comes from another CA (https://staging.example/directory)");
	}

	@Test
	void renewsAtOnceACertificateThatDoesNotCoverTheDomains() throws Exception {
		Issued other = this.certificates
			.issue(this.certificates.leaf("old.example").subjectAlternativeNames("old.example"), this.authority);
		BundleStorage files = this.bundle.files();
		files.publish(files.stage(other.chain(), other.keyPair().getPrivate(), "https://ca.example/directory"));
		AcmeRenewal renewal = renewal(this.bundle, "owner-a");
		renewal.check();
		assertThat(this.ca.orders).isEqualTo(1);
		assertThat(this.bundle.getStatus().getPlan().basis())
			.isEqualTo("the stored certificate does not cover [web.example]");
	}

	@Test
	void backsOffAfterFailuresAndKeepsServingTheStoredCertificate() throws Exception {
		AcmeRenewal renewal = renewal(this.bundle, "owner-a");
		renewal.check();
		X509Certificate issued = stored();
		this.clock.advance(Duration.ofDays(60));
		this.ca.failure = new AcmeFailure("unreachable", "the CA cannot be reached");
		renewal.check();
		assertThat(this.bundle.getStatus().getState()).isEqualTo(AcmeState.FAILING);
		assertThat(this.scheduler.next()).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(1)));
		this.clock.advance(Duration.ofMinutes(1));
		renewal.check();
		assertThat(this.scheduler.next()).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(2)));
		this.clock.advance(Duration.ofSeconds(30));
		renewal.check();
		assertThat(this.ca.orders).as("no order before the backoff ends").isEqualTo(3);
		assertThat(stored()).isEqualTo(issued);
		assertThat(this.bundle.getStatus().getConsecutiveFailures()).isEqualTo(2);
		this.ca.failure = null;
		this.clock.advance(Duration.ofMinutes(2));
		renewal.check();
		assertThat(this.bundle.getStatus().getState()).isEqualTo(AcmeState.VALID);
		assertThat(stored()).isNotEqualTo(issued);
	}

	@Test
	void followsTheRenewalWindowOfTheCaAndAsksAgainForIt() throws Exception {
		AcmeRenewal renewal = renewal(this.bundle, "owner-a");
		renewal.check();
		Instant windowStart = START.plus(Duration.ofDays(59));
		this.ca.window = new RenewalWindow(windowStart, windowStart.plus(Duration.ofDays(2)), null,
				START.plus(Duration.ofHours(2)));
		renewal.check();
		RenewalPlan plan = this.bundle.getStatus().getPlan();
		assertThat(plan.renewAt()).isBetween(windowStart, windowStart.plus(Duration.ofDays(2)));
		assertThat(plan.basis()).contains("renewal window the CA suggests");
		assertThat(this.bundle.getStatus().getNextAttempt()).isEqualTo(plan.renewAt());
		assertThat(this.scheduler.next()).as("asks again after the CA's Retry-After")
			.isEqualTo(START.plus(Duration.ofHours(2)));
		this.clock.advance(Duration.ofDays(61));
		renewal.check();
		assertThat(this.ca.orders).isEqualTo(2);
	}

	@Test
	void logsOneInfoLinePerIssuedCertificateAndOneWarnLinePerFailedOrder(CapturedOutput output) throws Exception {
		AcmeRenewal renewal = renewal(this.bundle, "owner-a");
		this.ca.failure = new AcmeFailure("unreachable", "the CA cannot be reached");
		renewal.check();
		this.clock.advance(Duration.ofMinutes(1));
		renewal.check();
		this.ca.failure = null;
		this.clock.advance(Duration.ofMinutes(2));
		renewal.check();
		assertThat(output.toString()
			.lines()
			.filter((line) -> line.contains(" WARN ") && line
				.contains("Ordering a certificate for ACME bundle 'web' from ca.example failed (unreachable)")))
			.hasSize(2);
		assertThat(output.toString()
			.lines()
			.filter((line) -> line.contains(" INFO ")
					&& line.contains("ca.example issued a certificate for ACME bundle 'web'")))
			.hasSize(1);
	}

	@Test
	void logsTheFactsOfEachOrderAsFields() throws Exception {
		Logger logger = (Logger) LoggerFactory.getLogger(AcmeRenewal.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try {
			AcmeRenewal renewal = renewal(this.bundle, "owner-a");
			this.ca.failure = new AcmeFailure("unreachable", "the CA cannot be reached");
			renewal.check();
			this.ca.failure = null;
			this.clock.advance(Duration.ofMinutes(1));
			renewal.check();
		}
		finally {
			logger.detachAppender(appender);
		}
		X509Certificate issued = stored();
		assertThat(appender.list).filteredOn((event) -> event.getLevel() == Level.WARN)
			.singleElement()
			.satisfies((event) -> assertThat(event.getMDCPropertyMap()).containsEntry(LogFields.BUNDLE, "web")
				.containsEntry(LogFields.OUTCOME, "failed")
				.containsEntry(LogFields.REASON, "unreachable")
				.containsEntry(LogFields.RETRY_ATTEMPT, "1")
				.containsEntry(LogFields.RETRY_DELAY, "PT1M"));
		assertThat(appender.list).filteredOn((event) -> event.getLevel() == Level.INFO)
			.singleElement()
			.satisfies((event) -> assertThat(event.getMDCPropertyMap()).containsEntry(LogFields.BUNDLE, "web")
				.containsEntry(LogFields.OUTCOME, "issued")
				.containsEntry(LogFields.NEW_SERIAL, issued.getSerialNumber().toString(16))
				.containsEntry(LogFields.NEW_EXPIRY, issued.getNotAfter().toInstant().toString()));
	}

	@Test
	void waitsForTheCaRetryAfterWhenLaterThanTheBackoff() throws Exception {
		AcmeRenewal renewal = renewal(this.bundle, "owner-a");
		this.ca.failure = new AcmeFailure("rateLimited", "too many", START.plus(Duration.ofHours(3)), null);
		renewal.check();
		assertThat(this.scheduler.next()).isEqualTo(START.plus(Duration.ofHours(3)));
	}

	@Test
	void anotherInstanceThatHoldsTheLockMakesThisOneWaitAndFindTheNewCertificate() throws Exception {
		AcmeBundle other = bundle("web", "owner-b");
		OrderLock.Hold hold = new OrderLock(other.files().lockFile(), Duration.ofMinutes(2), this.clock, "owner-b")
			.tryAcquire();
		AcmeRenewal renewal = renewal(this.bundle, "owner-a");
		renewal.check();
		assertThat(this.ca.orders).isZero();
		assertThat(this.bundle.getStatus().getWaitingFor()).isEqualTo("owner-b");
		assertThat(this.bundle.getStatus().getState()).isEqualTo(AcmeState.PENDING);
		// The other instance orders, stores and releases the lock
		Issued issued = this.ca.issue(AcmeKeyType.EC_P256.generate());
		other.files().publish(other.files().stage(issued.chain(), issued.keyPair().getPrivate()));
		hold.close();
		this.clock.advance(Duration.ofSeconds(5));
		renewal.check();
		assertThat(this.ca.orders).as("no second order").isZero();
		assertThat(this.bundle.getStatus().getState()).isEqualTo(AcmeState.VALID);
		assertThat(this.bundle.getStatus().getWaitingFor()).isNull();
	}

	@Test
	void rejectedCertificateIsNeverStored() throws Exception {
		AcmeRenewal renewal = renewal(this.bundle, "owner-a");
		this.ca.mismatchedKey = true;
		renewal.check();
		assertThat(TemporaryCertificate.isTemporary(stored())).isTrue();
		assertThat(this.announced).singleElement().satisfies((result) -> {
			assertThat(result.outcome()).isEqualTo(OrderOutcome.FAILED);
			assertThat(result.reason()).isEqualTo("rejected");
			assertThat(result.error()).contains("key-match");
		});
	}

	private X509Certificate stored() throws Exception {
		return this.bundle.files().readChain().get(0);
	}

	private AcmeRenewal renewal(AcmeBundle bundle, String owner) {
		MaterialValidator validator = MaterialValidator.withDefaultChecks(this.clock, TestValidation.policy());
		return new AcmeRenewal(bundle, this.ca, new CertificateIssuance(bundle, this.ca, validator),
				new RenewalPlanner(1.0 / 3, new Random(1)),
				new OrderLock(bundle.files().lockFile(), Duration.ofMinutes(2), this.clock, owner), this.announced::add,
				this.scheduler, this.clock);
	}

	private AcmeBundles bundles() {
		return new AcmeBundles(List.of(settings("web")), materialSources()) {

			@Override
			public List<AcmeBundle> getBundles() {
				return List.of(AcmeRenewalTests.this.bundle);
			}

		};
	}

	private AcmeBundle bundle(String name, String owner) {
		return new AcmeBundles(List.of(settings(name)), materialSources()).getBundle(name);
	}

	private AcmeBundleSettings settings(String name) {
		return TestAcmeBundles.settings(name, this.storage);
	}

	private static MaterialSources materialSources() {
		return TestAcmeBundles.materialSources();
	}

	/**
	 * The CA: issues a certificate for the key it is given, or fails as told.
	 */
	private final class FakeCa implements AcmeClient {

		private int orders;

		private AcmeFailure failure;

		private boolean mismatchedKey;

		private RenewalWindow window;

		private final List<X509Certificate> replaced = new ArrayList<>();

		@Override
		public String account() {
			return "https://ca.example/account/1";
		}

		@Override
		public RenewalWindow renewalWindow(X509Certificate certificate) {
			return this.window;
		}

		@Override
		public List<X509Certificate> order(KeyPair keyPair, X509Certificate replaces) throws AcmeFailure {
			this.orders++;
			this.replaced.add(replaces);
			if (this.failure != null) {
				throw this.failure;
			}
			return issue(this.mismatchedKey ? AcmeKeyType.EC_P256.generate() : keyPair).chain();
		}

		Issued issue(KeyPair keyPair) {
			Instant now = AcmeRenewalTests.this.clock.instant();
			return AcmeRenewalTests.this.certificates.issue(AcmeRenewalTests.this.certificates.leaf("web.example")
				.subjectAlternativeNames("web.example")
				.notBefore(now)
				.notAfter(now.plus(LIFETIME)), keyPair, AcmeRenewalTests.this.authority);
		}

	}

	/**
	 * Records what is scheduled; the test runs it.
	 */
	private static final class Scheduled implements AcmeScheduler {

		private Instant next;

		@Override
		public void schedule(String bundle, Runnable task, Instant at) {
			this.next = at;
		}

		@Override
		public Repeating repeat(Runnable task, Duration interval) {
			return () -> {
			};
		}

		@Override
		public boolean isStopped() {
			return false;
		}

		Instant next() {
			return this.next;
		}

	}

}
