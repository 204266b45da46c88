package io.github.hotcert.validation;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager for the in-memory handshake that accepts exactly one certificate from
 * the peer, as a server's or as a client's: the handshake proves that the new material
 * works, not its trust chain, which path validation judges.
 */
final class ExpectedCertificateTrustManager extends X509ExtendedTrustManager {

	private final X509Certificate expected;

	ExpectedCertificateTrustManager(X509Certificate expected) {
		this.expected = expected;
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		check(chain, "server");
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		check(chain, "server");
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		check(chain, "server");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		check(chain, "client");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		check(chain, "client");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		check(chain, "client");
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return new X509Certificate[0];
	}

	private void check(X509Certificate[] chain, String peer) throws CertificateException {
		if (chain == null || chain.length == 0 || !this.expected.equals(chain[0])) {
			throw new CertificateException("the " + peer + " presented a different certificate");
		}
	}

}
