package io.github.hotcert.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import io.github.hotcert.follow.FollowingSslBundle;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * Item 10: full TLS handshakes per second of a client that presents a client certificate,
 * with an SSL context built from a bundle that follows reloads (hotcert's
 * {@link FollowingSslBundle}, what {@code SslBundles.getBundle(name)} hands out) and with
 * one built from the plain bundle, against the same server on loopback in the benchmark's
 * JVM, which requires a client certificate. Each client builds its SSL context once;
 * every connection makes a full handshake (no session is resumed). The two clients are
 * measured in turns (ABBA order); the ratio is the median of the ratios of each pair of
 * turns, with a bootstrap interval of that median.
 */
final class ClientHandshakeThroughput {

	static final int ITEM = 10;

	private static final String MEASUREMENT = "Full client TLS handshakes per second, with a client certificate";

	private static final String FOLLOWING = "Client SSL context that follows reloads (hotcert)";

	private static final String PLAIN = "Client SSL context of the plain bundle (Spring Boot)";

	private static final int SERVER_THREADS = 2;

	private final Workbench bench;

	private final int threads;

	private final Duration turn;

	private final int warmUpTurns;

	private final int pairs;

	private final AtomicLong peers = new AtomicLong();

	ClientHandshakeThroughput(Workbench bench, int threads, Duration turn, int warmUpTurns, int pairs) {
		this.bench = bench;
		this.threads = threads;
		this.turn = turn;
		this.warmUpTurns = warmUpTurns;
		this.pairs = pairs;
	}

	void run() {
		this.bench.progress("[10] client handshakes, following SSL context against plain: %d pairs of %d ms turns",
				this.pairs, this.turn.toMillis());
		CertificateAuthority authority = this.bench.authority();
		String trusted = authority.certificatePem();
		SslBundle client = bundle(authority.issueClient(), trusted);
		SSLContext following = new FollowingSslBundle("client", client).createSslContext();
		SSLContext plain = client.createSslContext();
		try (Server server = new Server(bundle(authority.issue(), trusted).createSslContext())) {
			for (int i = 0; i < this.warmUpTurns; i++) {
				this.bench.progress("    warm-up turn %d, not counted: following %s, plain %s", i + 1,
						Format.rate(rate(following, server)), Format.rate(rate(plain, server)));
			}
			List<Double> followingRates = new ArrayList<>();
			List<Double> plainRates = new ArrayList<>();
			for (int pair = 0; pair < this.pairs; pair++) {
				boolean followingFirst = pair % 2 == 0;
				double first = rate(followingFirst ? following : plain, server);
				double second = rate(followingFirst ? plain : following, server);
				followingRates.add(followingFirst ? first : second);
				plainRates.add(followingFirst ? second : first);
				this.bench.progress("    pair %d: following %s, plain %s, ratio %s", pair + 1,
						Format.rate(followingRates.get(pair)), Format.rate(plainRates.get(pair)),
						Format.ratio(followingRates.get(pair) / plainRates.get(pair)));
			}
			report(followingRates, plainRates);
		}
		catch (Exception ex) {
			this.bench.failed(ITEM, MEASUREMENT, FOLLOWING, ex);
		}
	}

	void report(List<Double> followingRates, List<Double> plainRates) {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < followingRates.size(); i++) {
			ratios.add(followingRates.get(i) / plainRates.get(i));
		}
		double ratio = Statistics.median(ratios);
		Statistics.Interval interval = Statistics.medianInterval(ratios);
		String setting = "(" + this.threads + " client threads, one SSL context each kind, RSA 2048; median of "
				+ this.pairs + " turns of " + this.turn.toMillis() + " ms after " + this.warmUpTurns
				+ " warm-up turns each)";
		this.bench.report()
			.add(Row.of(ITEM, MEASUREMENT + " " + setting, FOLLOWING, Format.rate(Statistics.median(followingRates))));
		this.bench.report()
			.add(Row.of(ITEM, MEASUREMENT + " " + setting, PLAIN, Format.rate(Statistics.median(plainRates))));
		String perPair = ratios.stream().map(Format::ratio).collect(Collectors.joining(", "));
		this.bench.report()
			.add(new Row(ITEM, "Client handshake rate ratio, following / plain SSL context",
					"in-process client and server",
					Format.ratio(ratio) + " (median of the ratios of " + ratios.size()
							+ " pairs of turns in ABBA order: " + perPair + "; 95 % bootstrap interval of the median "
							+ Format.ratio(interval.low()) + " to " + Format.ratio(interval.high()) + ")",
					"≥ 0.98", Row.Status.of(ratio >= 0.98)));
	}

	private double rate(SSLContext context, Server server) throws InterruptedException {
		SSLSocketFactory factory = context.getSocketFactory();
		LongAdder handshakes = new LongAdder();
		LongAdder failures = new LongAdder();
		long end = System.nanoTime() + this.turn.toNanos();
		List<Thread> clients = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < this.threads; i++) {
			Thread client = new Thread(() -> {
				while (System.nanoTime() < end) {
					try {
						handshake(factory, server.port());
						handshakes.increment();
					}
					catch (IOException ex) {
						failures.increment();
					}
				}
			}, "client-handshake-" + i);
			clients.add(client);
			client.start();
		}
		for (Thread client : clients) {
			client.join();
		}
		if (failures.sum() > 0) {
			this.bench.report().note("(" + ITEM + ") " + failures.sum() + " client handshakes failed in one turn");
		}
		return handshakes.sum() / ((System.nanoTime() - start) / 1e9);
	}

	/**
	 * Make a full handshake: the peer name is new for every connection, so that the
	 * client finds no session to resume in its cache.
	 */
	private void handshake(SSLSocketFactory factory, int port) throws IOException {
		try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
				SSLSocket socket = (SSLSocket) factory.createSocket(plain, "peer-" + this.peers.incrementAndGet(), port,
						true)) {
			socket.startHandshake();
		}
	}

	private static SslBundle bundle(CertificateAuthority.Material material, String trustedPem) {
		return SslBundle.of(new PemSslStoreBundle(
				PemSslStoreDetails.forCertificate(material.certificatePem()).withPrivateKey(material.privateKeyPem()),
				PemSslStoreDetails.forCertificate(trustedPem)));
	}

	/**
	 * A TLS server on a loopback port that requires a client certificate of the
	 * benchmark's authority and only shakes hands.
	 */
	private static final class Server implements AutoCloseable {

		private final SSLServerSocket socket;

		private final List<Thread> threads = new ArrayList<>();

		Server(SSLContext context) throws IOException {
			this.socket = (SSLServerSocket) context.getServerSocketFactory()
				.createServerSocket(0, 128, InetAddress.getLoopbackAddress());
			this.socket.setNeedClientAuth(true);
			for (int i = 0; i < SERVER_THREADS; i++) {
				Thread thread = new Thread(this::serve, "handshake-server-" + i);
				thread.setDaemon(true);
				this.threads.add(thread);
				thread.start();
			}
		}

		int port() {
			return this.socket.getLocalPort();
		}

		private void serve() {
			while (!this.socket.isClosed()) {
				try (SSLSocket accepted = (SSLSocket) this.socket.accept()) {
					accepted.startHandshake();
				}
				catch (IOException ex) {
					// A failed handshake is counted by the client; a closed socket ends
					// the loop
				}
			}
		}

		@Override
		public void close() throws IOException, InterruptedException {
			this.socket.close();
			for (Thread thread : this.threads) {
				thread.join(5000);
			}
		}

	}

}
