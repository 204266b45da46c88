package io.github.hotcert.acme;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntSupplier;

import javax.net.ssl.SSLContext;

import io.github.hotcert.reload.CertificateReloadEvent;
import io.github.hotcert.reload.CertificateReloader;
import io.github.hotcert.reload.ReloadOutcome;
import io.github.hotcert.reload.ReloadRequest;
import io.github.hotcert.reload.ReloadTrigger;
import io.github.hotcert.validation.MaterialValidator;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Runs the ACME bundles once the application is running: starts the HTTP-01 challenge
 * listeners, then checks each bundle in the background, on one thread named
 * {@value ExecutorAcmeScheduler#THREAD_NAME}. An issued certificate is stored, then
 * published through the {@link CertificateReloader} like any change of files (trigger
 * {@code acme}), and announced with an {@link AcmeOrderEvent}. A change of a bundle's
 * files that another instance made is noticed by the file watcher; the bundle is then
 * checked again.
 */
public class AcmeManager implements SmartLifecycle, ApplicationListener<CertificateReloadEvent> {

	private final AcmeBundles bundles;

	private final CertificateReloader reloader;

	private final MaterialValidator validator;

	private final Function<String, SSLContext> sslContexts;

	private final DnsChallengeHandler dnsHandler;

	private final ApplicationEventPublisher eventPublisher;

	private final IntSupplier httpsPort;

	private final Clock clock;

	private final String owner;

	private final Map<String, HttpChallengeListener> listeners = new LinkedHashMap<>();

	private final Map<String, AcmeRenewal> renewals = new ConcurrentHashMap<>();

	private volatile ExecutorAcmeScheduler scheduler;

	/**
	 * Create a new {@link AcmeManager}.
	 * @param bundles the ACME bundles
	 * @param reloader the reloader that publishes issued certificates
	 * @param validator the validator of issued certificates
	 * @param sslContexts the SSL context of an SSL bundle, by name, for the bundles'
	 * directory SSL bundles
	 * @param dnsHandler the handler of DNS-01 challenges, or {@code null}
	 * @param eventPublisher the publisher of order events
	 * @param httpsPort the port that the challenge listeners redirect to
	 * @param clock the clock
	 */
	public AcmeManager(AcmeBundles bundles, CertificateReloader reloader, MaterialValidator validator,
			Function<String, SSLContext> sslContexts, DnsChallengeHandler dnsHandler,
			ApplicationEventPublisher eventPublisher, IntSupplier httpsPort, Clock clock) {
		Assert.notNull(bundles, "'bundles' must not be null");
		Assert.notNull(reloader, "'reloader' must not be null");
		Assert.notNull(validator, "'validator' must not be null");
		Assert.notNull(eventPublisher, "'eventPublisher' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.bundles = bundles;
		this.reloader = reloader;
		this.validator = validator;
		this.sslContexts = sslContexts;
		this.dnsHandler = dnsHandler;
		this.eventPublisher = eventPublisher;
		this.httpsPort = httpsPort;
		this.clock = clock;
		this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
	}

	@Override
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		for (AcmeBundle bundle : this.bundles.getBundles()) {
			if (bundle.getSettings().challengeType() == ChallengeType.HTTP_01) {
				listener(bundle).responses().share(bundle.storage().challenges());
			}
		}
		try {
			this.listeners.values().forEach(HttpChallengeListener::start);
		}
		catch (RuntimeException ex) {
			// The application does not start: leave no listener behind
			this.listeners.values().forEach(HttpChallengeListener::stop);
			throw ex;
		}
		this.scheduler = new ExecutorAcmeScheduler(this.clock);
		for (AcmeBundle bundle : this.bundles.getBundles()) {
			AcmeRenewal renewal = renewal(bundle, this.scheduler);
			this.renewals.put(bundle.getName(), renewal);
			renewal.checkSoon();
		}
	}

	private HttpChallengeListener listener(AcmeBundle bundle) {
		AcmeBundleSettings settings = bundle.getSettings();
		String key = settings.httpChallengeAddress() + ":" + settings.httpChallengePort();
		return this.listeners.computeIfAbsent(key,
				(address) -> new HttpChallengeListener(settings.httpChallengeAddress(), settings.httpChallengePort(),
						new ChallengeResponses(),
						(settings.redirectPort() != null) ? settings::redirectPort : this.httpsPort,
						settings.domains().get(0).replace("*.", "")));
	}

	private AcmeRenewal renewal(AcmeBundle bundle, AcmeScheduler scheduler) {
		AcmeBundleSettings settings = bundle.getSettings();
		ChallengeResponses responses = (settings.challengeType() == ChallengeType.HTTP_01)
				? listener(bundle).responses() : null;
		Acme4jChallenges challenges = new Acme4jChallenges(settings, responses, bundle.storage().challenges(),
				this.dnsHandler, new AcmePolling(this.clock));
		AcmeClient client = new Acme4jClient(settings, bundle.storage(), () -> (settings.directorySslBundle() != null)
				? this.sslContexts.apply(settings.directorySslBundle()) : null, challenges, this.clock);
		return new AcmeRenewal(bundle, client, new CertificateIssuance(bundle, client, this.validator),
				new RenewalPlanner(settings.renewalRatio(), new SecureRandom()),
				new OrderLock(bundle.files().lockFile(), settings.lockTimeout(), this.clock, this.owner), this::issued,
				scheduler, this.clock);
	}

	private void issued(AcmeOrderResult result) {
		if (result.outcome() == OrderOutcome.ISSUED) {
			this.reloader.reload(result.bundle(), ReloadRequest.of(ReloadTrigger.ACME));
		}
		this.eventPublisher.publishEvent(new AcmeOrderEvent(this, result));
	}

	@Override
	public void onApplicationEvent(CertificateReloadEvent event) {
		AcmeRenewal renewal = this.renewals.get(event.getResult().bundle());
		if (renewal != null && event.getResult().outcome() == ReloadOutcome.RELOADED
				&& event.getResult().trigger() != ReloadTrigger.ACME) {
			renewal.checkSoon();
		}
	}

	/**
	 * Return the port a bundle's HTTP challenge listener listens on.
	 * @param bundle the bundle name
	 * @return the port, or {@code -1} when the bundle has none or it is not listening
	 */
	public int getHttpChallengePort(String bundle) {
		AcmeBundle acme = this.bundles.getBundle(bundle);
		if (acme == null || acme.getSettings().challengeType() != ChallengeType.HTTP_01) {
			return -1;
		}
		HttpChallengeListener listener = this.listeners
			.get(acme.getSettings().httpChallengeAddress() + ":" + acme.getSettings().httpChallengePort());
		return (listener != null) ? listener.getPort() : -1;
	}

	@Override
	public synchronized void stop() {
		ExecutorAcmeScheduler scheduler = this.scheduler;
		this.scheduler = null;
		if (scheduler != null) {
			scheduler.shutdown();
		}
		this.renewals.clear();
		this.listeners.values().forEach(HttpChallengeListener::stop);
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

}
