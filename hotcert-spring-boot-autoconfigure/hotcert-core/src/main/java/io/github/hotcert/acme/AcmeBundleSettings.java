package io.github.hotcert.acme;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.util.Assert;

/**
 * How one bundle's certificate is obtained from an ACME CA, checked and complete.
 *
 * @param name the bundle name
 * @param directory the URL of the CA's ACME directory
 * @param domains the domains of the certificate, the first one its common name
 * @param email the contact address of the account, or {@code null}
 * @param storage the directory that holds the account key and the certificates
 * @param challengeType how the CA checks control of the domains
 * @param httpChallengeAddress the address the HTTP challenge listener binds, or
 * {@code null} for every address
 * @param httpChallengePort the port of the HTTP challenge listener
 * @param redirectPort the HTTPS port that the challenge listener redirects other requests
 * to, or {@code null} for the web server's port
 * @param directorySslBundle the SSL bundle that trusts the CA's directory, or
 * {@code null} for the JVM's trust store
 * @param keyType the type of the certificate's private key
 * @param profile the certificate profile to ask the CA for, or {@code null}
 * @param externalAccountBinding the external account binding, or {@code null}
 * @param renewalRatio the part of the lifetime that remains when the certificate is
 * renewed, without renewal information from the CA
 * @param reuseKey whether renewals keep the private key
 * @param orderTimeout how long one order may take
 * @param retry the backoff between failed orders
 * @param lockTimeout how long the order lock of the storage directory outlives a holder
 * that stopped refreshing it
 */
public record AcmeBundleSettings(String name, URI directory, List<String> domains, String email, Path storage,
		ChallengeType challengeType, String httpChallengeAddress, int httpChallengePort, Integer redirectPort,
		String directorySslBundle, AcmeKeyType keyType, String profile, ExternalAccountBinding externalAccountBinding,
		double renewalRatio, boolean reuseKey, Duration orderTimeout, Backoff retry, Duration lockTimeout) {

	public AcmeBundleSettings {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(directory, "'directory' must not be null");
		Assert.notEmpty(domains, "'domains' must not be empty");
		Assert.notNull(storage, "'storage' must not be null");
		Assert.notNull(challengeType, "'challengeType' must not be null");
		Assert.notNull(keyType, "'keyType' must not be null");
		Assert.notNull(orderTimeout, "'orderTimeout' must not be null");
		Assert.notNull(retry, "'retry' must not be null");
		Assert.notNull(lockTimeout, "'lockTimeout' must not be null");
		domains = List.copyOf(domains);
	}

	/**
	 * Return the name of the CA for messages: the host (and port) of its directory,
	 * without any user information written in its URL.
	 * @return the CA's host
	 */
	public String caName() {
		if (this.directory.getHost() == null) {
			return displayDirectory();
		}
		return this.directory.getHost() + ((this.directory.getPort() != -1) ? ":" + this.directory.getPort() : "");
	}

	/**
	 * Return the directory URL to show in messages and reports: without the user
	 * information and the query that its URL may hold (credentials, tokens).
	 * @return the directory URL that can be shown
	 */
	public String displayDirectory() {
		return display(this.directory);
	}

	/**
	 * Return a directory URL to show in messages and reports, such as one stored with a
	 * certificate: without the user information and the query that it may hold.
	 * @param directory the URL
	 * @return the URL that can be shown
	 */
	static String display(String directory) {
		try {
			return display(new URI(directory));
		}
		catch (URISyntaxException ex) {
			return "a directory URL that cannot be read";
		}
	}

	private static String display(URI directory) {
		if (directory.getRawUserInfo() == null && directory.getRawQuery() == null) {
			return directory.toString();
		}
		try {
			return new URI(directory.getScheme(), null, directory.getHost(), directory.getPort(), directory.getPath(),
					null, null)
				.toString();
		}
		catch (URISyntaxException ex) {
			return directory.getScheme() + "://" + directory.getHost();
		}
	}

	/**
	 * An external account binding: the key identifier and MAC key that a CA such as
	 * ZeroSSL or Google Trust Services gives for creating an account. {@link #toString()}
	 * never shows the key.
	 *
	 * @param keyId the key identifier
	 * @param hmacKey the MAC key, base64url encoded
	 * @param macAlgorithm the MAC algorithm, or {@code null} to derive it from the key
	 */
	public record ExternalAccountBinding(String keyId, String hmacKey, String macAlgorithm) {

		@Override
		public String toString() {
			return "ExternalAccountBinding[keyId=" + this.keyId + ", hmacKey=******]";
		}

	}

}
