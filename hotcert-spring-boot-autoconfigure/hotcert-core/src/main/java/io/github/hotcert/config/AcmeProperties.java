package io.github.hotcert.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.hotcert.acme.AcmeKeyType;
import io.github.hotcert.acme.ChallengeType;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the SSL bundles whose certificates hotcert obtains from an
 * ACME CA, such as Let's Encrypt.
 */
@ConfigurationProperties("hotcert.acme")
public class AcmeProperties {

	/**
	 * ACME bundles, by bundle name. Each becomes an SSL bundle of that name (for example
	 * for server.ssl.bundle), without any spring.ssl.bundle configuration.
	 */
	private final Map<String, Bundle> bundle = new LinkedHashMap<>();

	public Map<String, Bundle> getBundle() {
		return this.bundle;
	}

	/**
	 * How the certificate of one bundle is obtained from an ACME CA.
	 */
	public static class Bundle {

		/**
		 * URL of the CA's ACME directory, or 'letsencrypt' or 'letsencrypt-staging' for
		 * Let's Encrypt's production or staging directory.
		 */
		private String directoryUrl;

		/**
		 * Domains of the certificate, the first one its common name. A wildcard domain
		 * (*.example.org) needs challenge-type dns-01.
		 */
		private List<String> domains = new ArrayList<>();

		/**
		 * Contact address of the ACME account, where the CA sends notices.
		 */
		private String email;

		/**
		 * Whether you agree to the terms of service of the CA. Must be true: the account
		 * cannot be created otherwise.
		 */
		private boolean termsOfServiceAgreed;

		/**
		 * Directory that holds the account key, the certificates and their private keys
		 * (files readable by the owner only). Instances that share it share one account
		 * and one certificate, and only one of them orders at a time.
		 */
		private String storage;

		/**
		 * How the CA checks control of the domains: 'http-01' (a token on the HTTP
		 * challenge port) or 'dns-01' (a TXT record created by a DnsChallengeHandler
		 * bean).
		 */
		private ChallengeType challengeType = ChallengeType.HTTP_01;

		/**
		 * Port of the plain HTTP listener that answers HTTP-01 challenges and redirects
		 * every other request to HTTPS. The CA connects to port 80 of each domain: use
		 * 80, or a port that port 80 is forwarded to.
		 */
		private int httpChallengePort = 80;

		/**
		 * Address the HTTP challenge listener binds to. Every address when not set.
		 */
		private String httpChallengeAddress;

		/**
		 * Port that the HTTP challenge listener redirects requests other than challenges
		 * to, over HTTPS. The web server's port when not set.
		 */
		private Integer httpRedirectPort;

		/**
		 * Name of an SSL bundle whose trust material verifies the CA's directory, for a
		 * private or test CA. The JVM's trust store when not set.
		 */
		private String directorySslBundle;

		/**
		 * Type of the certificate's private key: 'ec-p256', 'ec-p384', 'rsa-2048',
		 * 'rsa-3072' or 'rsa-4096'.
		 */
		private AcmeKeyType keyType = AcmeKeyType.EC_P256;

		/**
		 * Certificate profile to ask the CA for, such as Let's Encrypt's 'classic',
		 * 'tlsserver' or 'shortlived'. The CA's default when not set.
		 */
		private String profile;

		/**
		 * Part of the certificate's lifetime that remains when it is renewed, when the CA
		 * offers no renewal information (ARI): 0.33 renews a 90-day certificate 30 days
		 * before it expires.
		 */
		private double renewalRatio = 1.0 / 3;

		/**
		 * Whether renewals keep the private key instead of generating a new one.
		 */
		private boolean reuseKey;

		/**
		 * Longest time one order may take, from creating it to downloading the
		 * certificate.
		 */
		private Duration orderTimeout = Duration.ofMinutes(5);

		/**
		 * Delay before ordering again after a failed order. Each further failure waits
		 * twice as long.
		 */
		private Duration retryInitialInterval = Duration.ofMinutes(1);

		/**
		 * Longest delay between two orders after failures. Retries come sooner as the
		 * served certificate nears its expiry, and never before the CA allows them.
		 */
		private Duration retryMaxInterval = Duration.ofHours(4);

		/**
		 * How long the order lock of the storage directory survives an instance that
		 * stopped refreshing it (because it died) before another instance takes over.
		 */
		private Duration lockTimeout = Duration.ofMinutes(2);

		private final ExternalAccountBinding externalAccountBinding = new ExternalAccountBinding();

		public String getDirectoryUrl() {
			return this.directoryUrl;
		}

		public void setDirectoryUrl(String directoryUrl) {
			this.directoryUrl = directoryUrl;
		}

		public List<String> getDomains() {
			return this.domains;
		}

		public void setDomains(List<String> domains) {
			this.domains = domains;
		}

		public String getEmail() {
			return this.email;
		}

		public void setEmail(String email) {
			this.email = email;
		}

		public boolean isTermsOfServiceAgreed() {
			return this.termsOfServiceAgreed;
		}

		public void setTermsOfServiceAgreed(boolean termsOfServiceAgreed) {
			this.termsOfServiceAgreed = termsOfServiceAgreed;
		}

		public String getStorage() {
			return this.storage;
		}

		public void setStorage(String storage) {
			this.storage = storage;
		}

		public ChallengeType getChallengeType() {
			return this.challengeType;
		}

		public void setChallengeType(ChallengeType challengeType) {
			this.challengeType = challengeType;
		}

		public int getHttpChallengePort() {
			return this.httpChallengePort;
		}

		public void setHttpChallengePort(int httpChallengePort) {
			this.httpChallengePort = httpChallengePort;
		}

		public String getHttpChallengeAddress() {
			return this.httpChallengeAddress;
		}

		public void setHttpChallengeAddress(String httpChallengeAddress) {
			this.httpChallengeAddress = httpChallengeAddress;
		}

		public Integer getHttpRedirectPort() {
			return this.httpRedirectPort;
		}

		public void setHttpRedirectPort(Integer httpRedirectPort) {
			this.httpRedirectPort = httpRedirectPort;
		}

		public String getDirectorySslBundle() {
			return this.directorySslBundle;
		}

		public void setDirectorySslBundle(String directorySslBundle) {
			this.directorySslBundle = directorySslBundle;
		}

		public AcmeKeyType getKeyType() {
			return this.keyType;
		}

		public void setKeyType(AcmeKeyType keyType) {
			this.keyType = keyType;
		}

		public String getProfile() {
			return this.profile;
		}

		public void setProfile(String profile) {
			this.profile = profile;
		}

		public double getRenewalRatio() {
			return this.renewalRatio;
		}

		public void setRenewalRatio(double renewalRatio) {
			this.renewalRatio = renewalRatio;
		}

		public boolean isReuseKey() {
			return this.reuseKey;
		}

		public void setReuseKey(boolean reuseKey) {
			this.reuseKey = reuseKey;
		}

		public Duration getOrderTimeout() {
			return this.orderTimeout;
		}

		public void setOrderTimeout(Duration orderTimeout) {
			this.orderTimeout = orderTimeout;
		}

		public Duration getRetryInitialInterval() {
			return this.retryInitialInterval;
		}

		public void setRetryInitialInterval(Duration retryInitialInterval) {
			this.retryInitialInterval = retryInitialInterval;
		}

		public Duration getRetryMaxInterval() {
			return this.retryMaxInterval;
		}

		public void setRetryMaxInterval(Duration retryMaxInterval) {
			this.retryMaxInterval = retryMaxInterval;
		}

		public Duration getLockTimeout() {
			return this.lockTimeout;
		}

		public void setLockTimeout(Duration lockTimeout) {
			this.lockTimeout = lockTimeout;
		}

		public ExternalAccountBinding getExternalAccountBinding() {
			return this.externalAccountBinding;
		}

	}

	/**
	 * The external account binding that some CAs (ZeroSSL, Google Trust Services, most
	 * commercial CAs) require to create an account.
	 */
	public static class ExternalAccountBinding {

		/**
		 * Key identifier given by the CA.
		 */
		private String keyId;

		/**
		 * MAC key given by the CA, base64url encoded. A secret: never logged or shown.
		 */
		private String hmacKey;

		/**
		 * MAC algorithm, such as 'HS256'. Derived from the key when not set.
		 */
		private String macAlgorithm;

		public String getKeyId() {
			return this.keyId;
		}

		public void setKeyId(String keyId) {
			this.keyId = keyId;
		}

		public String getHmacKey() {
			return this.hmacKey;
		}

		public void setHmacKey(String hmacKey) {
			this.hmacKey = hmacKey;
		}

		public String getMacAlgorithm() {
			return this.macAlgorithm;
		}

		public void setMacAlgorithm(String macAlgorithm) {
			this.macAlgorithm = macAlgorithm;
		}

	}

}
