package io.github.hotcert.acme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import io.github.hotcert.logging.LogFields;
import io.github.hotcert.source.CertificateInfo;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * The {@link AcmeClient} of one bundle over acme4j: a session with the CA's directory
 * (trusted through the bundle's directory SSL bundle when set), the account of the
 * storage directory's key, renewal information, and orders whose challenges
 * {@link Acme4jChallenges} answers. After a failure the session starts afresh, so that a
 * CA that restarted (and forgot the account) is asked again from the start.
 */
final class Acme4jClient implements AcmeClient {

	private static final Log logger = LogFactory.getLog(Acme4jClient.class);

	private static final String ALREADY_REPLACED = "alreadyReplaced";

	private final AcmeBundleSettings settings;

	private final AcmeStorage storage;

	private final Supplier<SSLContext> sslContext;

	private final Acme4jChallenges challenges;

	private final AcmePolling polling;

	private final Clock clock;

	private Session session;

	private Login login;

	/**
	 * Create a new {@link Acme4jClient}.
	 * @param settings the bundle's settings
	 * @param storage the storage directory, which holds the account key
	 * @param sslContext the SSL context that trusts the CA, or a supplier of {@code null}
	 * for the JVM's default
	 * @param challenges answers the challenges
	 * @param clock the clock
	 */
	Acme4jClient(AcmeBundleSettings settings, AcmeStorage storage, Supplier<SSLContext> sslContext,
			Acme4jChallenges challenges, Clock clock) {
		this.settings = settings;
		this.storage = storage;
		this.sslContext = sslContext;
		this.challenges = challenges;
		this.polling = new AcmePolling(clock);
		this.clock = clock;
	}

	@Override
	public synchronized String account() throws AcmeFailure, InterruptedException {
		return login().getAccountLocation().toString();
	}

	@Override
	public synchronized RenewalWindow renewalWindow(X509Certificate certificate)
			throws AcmeFailure, InterruptedException {
		return call("Asking %s for the renewal window".formatted(this.settings.caName()), () -> {
			if (!offersRenewalInformation()) {
				return null;
			}
			RenewalInfo info = login().bindRenewalInfo(certificate);
			Optional<Instant> retryAfter = info.fetch();
			return RenewalInfoReader.read(info.getJSON(), retryAfter.orElse(null));
		});
	}

	@Override
	public synchronized List<X509Certificate> order(KeyPair keyPair, X509Certificate replaces)
			throws AcmeFailure, InterruptedException {
		String step = "Ordering a certificate for %s from %s".formatted(this.settings.domains(),
				this.settings.caName());
		Instant deadline = this.clock.instant().plus(this.settings.orderTimeout());
		return call(step, () -> {
			Order order = createOrder(replaces);
			for (Authorization authorization : order.getAuthorizations()) {
				if (authorization.getStatus() != Status.VALID) {
					this.challenges.prove(authorization, deadline);
				}
			}
			Status status = this.polling.await(order, Set.of(Status.READY, Status.VALID, Status.INVALID), deadline);
			if (status == Status.READY) {
				order.execute(keyPair);
				status = this.polling.await(order, Set.of(Status.VALID, Status.INVALID), deadline);
			}
			if (status == Status.INVALID) {
				throw AcmeFailures.of(step, order.getError().orElse(null));
			}
			return order.getCertificate().getCertificateChain();
		});
	}

	/**
	 * Create an order, which says what certificate it replaces when the CA offers renewal
	 * information. When the CA answers that another order replaces that certificate
	 * already, the order is created again without saying so (RFC 9773): an order that
	 * went through at the CA while its answer was lost here replaced it, and every later
	 * order that says so would be refused the same way.
	 */
	private Order createOrder(X509Certificate replaces) throws AcmeException, AcmeFailure, InterruptedException {
		if (replaces == null || !offersRenewalInformation()) {
			return newOrder().create();
		}
		try {
			return newOrder().replaces(replaces).create();
		}
		catch (AcmeServerException ex) {
			if (!ALREADY_REPLACED.equals(AcmeFailures.type(ex.getProblem()))) {
				throw ex;
			}
			LogFields.bundle(this.settings.name())
				.info(logger,
						("%s answered that an earlier order replaces the certificate %s already (%s): "
								+ "ordering a certificate that replaces none")
							.formatted(this.settings.caName(), CertificateInfo.of(replaces).describe(),
									AcmeFailures.describe(ex.getProblem())));
			return newOrder().create();
		}
	}

	private OrderBuilder newOrder() throws AcmeFailure, InterruptedException {
		OrderBuilder builder = login().newOrder().domains(this.settings.domains());
		if (this.settings.profile() != null) {
			builder.profile(this.settings.profile());
		}
		return builder;
	}

	private boolean offersRenewalInformation() throws AcmeException {
		return session().resourceUrlOptional(Resource.RENEWAL_INFO).isPresent();
	}

	private Login login() throws AcmeFailure, InterruptedException {
		if (this.login != null) {
			return this.login;
		}
		String step = "Finding or creating the account at %s".formatted(this.settings.caName());
		this.login = call(step, () -> {
			AccountBuilder account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey(step));
			if (this.settings.email() != null) {
				account.addEmail(this.settings.email());
			}
			AcmeBundleSettings.ExternalAccountBinding binding = this.settings.externalAccountBinding();
			if (binding != null) {
				account.withKeyIdentifier(binding.keyId(), binding.hmacKey());
				if (binding.macAlgorithm() != null) {
					account.withMacAlgorithm(binding.macAlgorithm());
				}
			}
			return account.createLogin(session());
		});
		return this.login;
	}

	private KeyPair accountKey(String step) throws AcmeFailure {
		try {
			return this.storage.accountKey();
		}
		catch (IOException ex) {
			throw new AcmeFailure("storage", "%s: the account key in '%s' cannot be read or written: %s".formatted(step,
					this.storage.root(), ex.getMessage()), null, ex);
		}
	}

	/**
	 * Make a call to the CA; after a failure, start the next call with a new session.
	 */
	private <T> T call(String step, Call<T> call) throws AcmeFailure, InterruptedException {
		try {
			return call.call();
		}
		catch (AcmeFailure ex) {
			reset();
			throw ex;
		}
		catch (AcmeException ex) {
			reset();
			throw AcmeFailures.of(step, ex);
		}
		catch (AcmeLazyLoadingException ex) {
			reset();
			throw AcmeFailures.of(step,
					(ex.getCause() instanceof AcmeException acme) ? acme : new AcmeException(ex.getMessage()));
		}
		catch (AcmeProtocolException ex) {
			reset();
			throw AcmeFailures.of(step, ex);
		}
		catch (UncheckedIOException ex) {
			// acme4j reads a response's JSON with a stream that throws this when the
			// connection breaks halfway, as when the CA stops while it answers
			reset();
			throw AcmeFailures.of(step, new AcmeNetworkException(ex.getCause()));
		}
	}

	private Session session() {
		if (this.session == null) {
			this.session = new Session(this.settings.directory(), new DirectoryProvider(this.sslContext.get()));
		}
		return this.session;
	}

	private void reset() {
		this.login = null;
		this.session = null;
	}

	/**
	 * One call to the CA.
	 */
	@FunctionalInterface
	private interface Call<T> {

		T call() throws AcmeException, AcmeFailure, InterruptedException;

	}

	/**
	 * acme4j's provider for any CA, with the SSL context of the directory SSL bundle.
	 */
	static final class DirectoryProvider extends GenericAcmeProvider {

		private final SSLContext sslContext;

		DirectoryProvider(SSLContext sslContext) {
			this.sslContext = sslContext;
		}

		@Override
		public HttpClient createHttpClient(NetworkSettings networkSettings) {
			HttpClient.Builder builder = HttpClient.newBuilder()
				.followRedirects(HttpClient.Redirect.NORMAL)
				.connectTimeout(networkSettings.getTimeout())
				.proxy(networkSettings.getProxySelector());
			if (networkSettings.getAuthenticator() != null) {
				builder.authenticator(networkSettings.getAuthenticator());
			}
			if (this.sslContext != null) {
				builder.sslContext(this.sslContext);
			}
			return builder.build();
		}

	}

}
