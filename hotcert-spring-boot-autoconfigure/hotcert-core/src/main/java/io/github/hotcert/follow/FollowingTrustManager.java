package io.github.hotcert.follow;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that delegates to the trust manager of the material followed now, with
 * the socket or engine of the handshake, so that the JDK's host name and algorithm checks
 * work as with the followed trust manager itself.
 */
final class FollowingTrustManager extends X509ExtendedTrustManager {

	private final FollowedMaterial material;

	FollowingTrustManager(FollowedMaterial material) {
		this.material = material;
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.material.current().trustManager().checkClientTrusted(chain, authType);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		X509ExtendedTrustManager current = this.material.current().trustManager();
		this.material.record(socket);
		current.checkClientTrusted(chain, authType, socket);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		X509ExtendedTrustManager current = this.material.current().trustManager();
		this.material.record(engine);
		current.checkClientTrusted(chain, authType, engine);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.material.current().trustManager().checkServerTrusted(chain, authType);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		X509ExtendedTrustManager current = this.material.current().trustManager();
		this.material.record(socket);
		current.checkServerTrusted(chain, authType, socket);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		X509ExtendedTrustManager current = this.material.current().trustManager();
		this.material.record(engine);
		current.checkServerTrusted(chain, authType, engine);
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.material.current().trustManager().getAcceptedIssuers();
	}

}
