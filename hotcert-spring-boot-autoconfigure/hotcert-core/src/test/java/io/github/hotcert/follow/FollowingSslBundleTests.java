package io.github.hotcert.follow;

import java.math.BigInteger;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import io.github.hotcert.testsupport.MemoryHandshake;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestSslBundles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link FollowingSslBundle}: an SSL context built once from it shakes hands
 * with the material followed at the time of each handshake.
 */
@ExtendWith(OutputCaptureExtension.class)
class FollowingSslBundleTests {

	private static final TestCertificates certificates = TestCertificates.now();

	private final Issued clientAuthority = certificates.authority("client CA");

	private final Issued serverAuthority = certificates.authority("server CA");

	private final Issued movedServerAuthority = certificates.authority("new server CA");

	private final Issued first = issue("first client", this.clientAuthority);

	private final Issued second = issue("second client", this.clientAuthority);

	private final SSLContext server = TestSslBundles
		.of(issue("server", this.serverAuthority), this.clientAuthority.certificate())
		.createSslContext();

	@Test
	void aClientContextBuiltOncePresentsTheCertificateFollowedAtEachHandshake() throws Exception {
		FollowingSslBundle bundle = new FollowingSslBundle("client",
				TestSslBundles.of(this.first, this.serverAuthority.certificate()));
		SSLContext client = bundle.createSslContext();
		assertThat(clientSerial(client)).isEqualTo(this.first.certificate().getSerialNumber());
		assertThat(clientSerial(client)).as("a resumed session").isEqualTo(this.first.certificate().getSerialNumber());
		assertThat(cachedSessions(client)).isNotZero();
		bundle.follow(TestSslBundles.of(this.second, this.serverAuthority.certificate()));
		assertThat(cachedSessions(client)).as("the sessions made with the previous certificate").isZero();
		assertThat(clientSerial(client)).isEqualTo(this.second.certificate().getSerialNumber());
	}

	@Test
	void aHandshakeUnderWayWhenTheMaterialChangesLeavesNoSessionToResumeOnceTheSessionsAreSweptAgain()
			throws Exception {
		List<Runnable> laterSweeps = new ArrayList<>();
		FollowingSslBundle bundle = new FollowingSslBundle("client",
				TestSslBundles.of(this.first, this.serverAuthority.certificate()), laterSweeps::add);
		SSLContext client = bundle.createSslContext();
		AtomicBoolean swapDuringTheNextHandshake = new AtomicBoolean(true);
		SSLContext server = swappingServer(() -> {
			if (swapDuringTheNextHandshake.getAndSet(false)) {
				bundle.follow(TestSslBundles.of(this.second, this.serverAuthority.certificate()));
			}
		});
		assertThat(clientSerial(client, server)).as("the handshake under way ends with the previous material")
			.isEqualTo(this.first.certificate().getSerialNumber());
		assertThat(clientSerial(client, server)).as("its session, cached after the first sweep, is resumed")
			.isEqualTo(this.first.certificate().getSerialNumber());
		assertThat(laterSweeps).isNotEmpty();
		laterSweeps.forEach(Runnable::run);
		assertThat(clientSerial(client, server)).isEqualTo(this.second.certificate().getSerialNumber());
	}

	@Test
	void aClientContextBuiltFromTheManagersFollowsToo() throws Exception {
		FollowingSslBundle bundle = new FollowingSslBundle("client",
				TestSslBundles.of(this.first, this.serverAuthority.certificate()));
		SslManagerBundle managers = bundle.getManagers();
		SSLContext client = SSLContext.getInstance("TLS");
		client.init(managers.getKeyManagerFactory().getKeyManagers(),
				managers.getTrustManagerFactory().getTrustManagers(), null);
		assertThat(clientSerial(client)).isEqualTo(this.first.certificate().getSerialNumber());
		bundle.follow(TestSslBundles.of(this.second, this.serverAuthority.certificate()));
		assertThat(clientSerial(client)).isEqualTo(this.second.certificate().getSerialNumber());
	}

	@Test
	void aClientContextBuiltOnceTrustsTheTrustMaterialFollowed() throws Exception {
		FollowingSslBundle bundle = new FollowingSslBundle("client",
				TestSslBundles.of(this.first, this.serverAuthority.certificate()));
		SSLContext client = bundle.createSslContext();
		SSLContext movedServer = TestSslBundles
			.of(issue("moved server", this.movedServerAuthority), this.clientAuthority.certificate())
			.createSslContext();
		assertThatExceptionOfType(SSLHandshakeException.class)
			.isThrownBy(() -> MemoryHandshake.run(client, movedServer, true));
		bundle.follow(TestSslBundles.of(this.first, this.movedServerAuthority.certificate()));
		assertThat(MemoryHandshake.run(client, movedServer, true).getPeerCertificates()[0])
			.isEqualTo(this.first.certificate());
		assertThatExceptionOfType(SSLHandshakeException.class)
			.isThrownBy(() -> MemoryHandshake.run(client, this.server, true));
	}

	@Test
	void followingTheBundleFollowedNowKeepsTheSessions() throws Exception {
		SslBundle followed = TestSslBundles.of(this.first, this.serverAuthority.certificate());
		FollowingSslBundle bundle = new FollowingSslBundle("client", followed);
		SSLContext client = bundle.createSslContext();
		clientSerial(client);
		bundle.follow(followed);
		assertThat(cachedSessions(client)).isNotZero();
	}

	@Test
	void describesTheBundleFollowedNow() {
		SslBundle followed = SslBundle.of(SslStoreBundle.of(null, null, null), null,
				SslOptions.of(null, new String[] { "TLSv1.3" }), "TLSv1.3");
		FollowingSslBundle bundle = new FollowingSslBundle("client", TestSslBundles.of(this.first));
		bundle.follow(followed);
		assertThat(bundle.getFollowed()).isSameAs(followed);
		assertThat(bundle.getStores()).isSameAs(followed.getStores());
		assertThat(bundle.getKey()).isSameAs(followed.getKey());
		assertThat(bundle.getOptions()).isSameAs(followed.getOptions());
		assertThat(bundle.getProtocol()).isEqualTo("TLSv1.3");
		assertThat(FollowingSslBundle.unwrap(bundle)).isSameAs(followed);
		assertThat(FollowingSslBundle.unwrap(followed)).isSameAs(followed);
	}

	@Test
	void refusesABundleWhoseTrustManagerIsNotExtendedAndKeepsFollowingThePreviousOne() throws Exception {
		FollowingSslBundle bundle = new FollowingSslBundle("client",
				TestSslBundles.of(this.first, this.serverAuthority.certificate()));
		SSLContext client = bundle.createSslContext();
		SslBundle plainTrust = SslBundle.of(null, null, null, null,
				SslManagerBundle.from(new TrustManager[] { new PlainTrustManager() }));
		assertThatIllegalStateException().isThrownBy(() -> bundle.follow(plainTrust))
			.withMessageContaining("SSL bundle 'client' has no X509ExtendedTrustManager");
		assertThat(bundle.getFollowed()).isNotSameAs(plainTrust);
		assertThat(clientSerial(client)).isEqualTo(this.first.certificate().getSerialNumber());
		assertThat(clientSerial(bundle.createSslContext())).isEqualTo(this.first.certificate().getSerialNumber());
	}

	@Test
	void handsOutTheManagersOfABundleWhoseTrustManagerIsNotExtended(CapturedOutput output) {
		SslBundle plainTrust = SslBundle.of(null, null, null, null,
				SslManagerBundle.from(new TrustManager[] { new PlainTrustManager() }));
		FollowingSslBundle bundle = new FollowingSslBundle("plain", plainTrust);
		assertThat(bundle.getManagers()).isSameAs(plainTrust.getManagers());
		assertThat(bundle.getManagers()).isSameAs(plainTrust.getManagers());
		assertThat(output).containsOnlyOnce("SSL bundle 'plain' cannot be followed");
	}

	@Test
	void buildsNoManagersUntilTheyAreAskedForThenOnlyThoseOfTheBundleFollowedThen() throws Exception {
		CountingBundle initial = new CountingBundle(TestSslBundles.of(this.first, this.serverAuthority.certificate()));
		CountingBundle next = new CountingBundle(TestSslBundles.of(this.second, this.serverAuthority.certificate()));
		FollowingSslBundle bundle = new FollowingSslBundle("client", initial);
		assertThat(bundle.getStores()).isSameAs(initial.getStores());
		bundle.follow(next);
		assertThat(bundle.getFollowed()).isSameAs(next);
		assertThat(bundle.getStores()).isSameAs(next.getStores());
		assertThat(initial.managersAskedFor).as("the managers of a bundle only read for its stores").isZero();
		assertThat(next.managersAskedFor).isZero();
		SSLContext client = bundle.createSslContext();
		assertThat(clientSerial(client)).isEqualTo(this.second.certificate().getSerialNumber());
		assertThat(initial.managersAskedFor).isZero();
		assertThat(next.managersAskedFor).isOne();
		bundle.follow(initial);
		assertThat(initial.managersAskedFor).as("once in use, the managers of each bundle followed").isOne();
		assertThat(clientSerial(client)).isEqualTo(this.first.certificate().getSerialNumber());
	}

	private BigInteger clientSerial(SSLContext client) throws Exception {
		return clientSerial(client, this.server);
	}

	private static BigInteger clientSerial(SSLContext client, SSLContext server) throws Exception {
		SSLSession session = MemoryHandshake.run(client, server, true);
		return ((X509Certificate) session.getPeerCertificates()[0]).getSerialNumber();
	}

	/**
	 * A server that runs an action when it has checked the client's certificate, in the
	 * middle of the handshake: the client has chosen its certificate and signed with its
	 * key, and has not received the server's last messages yet.
	 */
	private SSLContext swappingServer(Runnable action) throws Exception {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null);
		trusted.setCertificateEntry("client-ca", this.clientAuthority.certificate());
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trusted);
		X509ExtendedTrustManager checks = (X509ExtendedTrustManager) factory.getTrustManagers()[0];
		SSLContext server = SSLContext.getInstance("TLS");
		server.init(TestSslBundles.of(issue("swapping server", this.serverAuthority)).getManagers().getKeyManagers(),
				new TrustManager[] { new ActingTrustManager(checks, action) }, null);
		return server;
	}

	private static int cachedSessions(SSLContext context) {
		return Collections.list(context.getClientSessionContext().getIds()).size();
	}

	private static Issued issue(String commonName, Issued authority) {
		return certificates.issue(certificates.leaf(commonName), authority);
	}

	private static final class ActingTrustManager extends X509ExtendedTrustManager {

		private final X509ExtendedTrustManager delegate;

		private final Runnable action;

		ActingTrustManager(X509ExtendedTrustManager delegate, Runnable action) {
			this.delegate = delegate;
			this.action = action;
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			this.delegate.checkClientTrusted(chain, authType, engine);
			this.action.run();
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			throw new CertificateException("engines only");
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			throw new CertificateException("engines only");
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			throw new CertificateException("a server only");
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			throw new CertificateException("a server only");
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			throw new CertificateException("a server only");
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return this.delegate.getAcceptedIssuers();
		}

	}

	/**
	 * A bundle that counts how many times its managers are asked for.
	 */
	private static final class CountingBundle implements SslBundle {

		private final SslBundle delegate;

		private int managersAskedFor;

		CountingBundle(SslBundle delegate) {
			this.delegate = delegate;
		}

		@Override
		public SslStoreBundle getStores() {
			return this.delegate.getStores();
		}

		@Override
		public SslBundleKey getKey() {
			return this.delegate.getKey();
		}

		@Override
		public SslOptions getOptions() {
			return this.delegate.getOptions();
		}

		@Override
		public String getProtocol() {
			return this.delegate.getProtocol();
		}

		@Override
		public SslManagerBundle getManagers() {
			this.managersAskedFor++;
			return this.delegate.getManagers();
		}

	}

	private static final class PlainTrustManager implements X509TrustManager {

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
