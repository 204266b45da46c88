package io.github.hotcert.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.hotcert.validation.BundleRole;
import io.github.hotcert.validation.Check;
import io.github.hotcert.validation.Severity;

import io.github.hotcert.watch.WatchMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for hotcert.
 */
@ConfigurationProperties("hotcert")
public class HotcertProperties {

	/**
	 * Whether hotcert is enabled. When disabled, Spring Boot behaves exactly as without
	 * hotcert.
	 */
	private boolean enabled = true;

	private final Startup startup = new Startup();

	private final Watch watch = new Watch();

	private final Signal signal = new Signal();

	private final Source source = new Source();

	private final History history = new History();

	private final Validation validation = new Validation();

	private final Retry retry = new Retry();

	private final Development development = new Development();

	private final Health health = new Health();

	private final Refresh refresh = new Refresh();

	private final Restart restart = new Restart();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Startup getStartup() {
		return this.startup;
	}

	public Watch getWatch() {
		return this.watch;
	}

	public Signal getSignal() {
		return this.signal;
	}

	public Source getSource() {
		return this.source;
	}

	public History getHistory() {
		return this.history;
	}

	public Validation getValidation() {
		return this.validation;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Development getDevelopment() {
		return this.development;
	}

	public Health getHealth() {
		return this.health;
	}

	public Refresh getRefresh() {
		return this.refresh;
	}

	public Restart getRestart() {
		return this.restart;
	}

	/**
	 * How changes to certificate files are noticed.
	 */
	public static class Watch {

		/**
		 * How long no further file event must arrive before a change is reloaded. Files
		 * swapped as a whole (a Kubernetes volume update, a file or directory renamed
		 * into place) are reloaded at once.
		 */
		private Duration quietPeriod = Duration.ofMillis(250);

		/**
		 * Longest time a change waits for the quiet period: continuous writes cannot
		 * postpone a reload beyond it. Also how long files that do not hold complete
		 * material yet are read again before they are rejected.
		 */
		private Duration maxWait = Duration.ofSeconds(2);

		/**
		 * Time between two checks of every watched file, which find changes that produced
		 * no file event (NFS, bind mounts). A file whose status did not change is not
		 * read.
		 */
		private Duration pollInterval = Duration.ofSeconds(10);

		/**
		 * How changes are noticed: 'watch+poll' (file events, with polling as a
		 * fallback), 'poll' (polling only) or 'off' (reloads on request only).
		 */
		private WatchMode mode = WatchMode.WATCH_POLL;

		/**
		 * Longest time the watcher thread may spend on one step (reading the files of a
		 * bundle, reloading it) before it is taken as stuck and replaced by a new thread.
		 */
		private Duration stallTimeout = Duration.ofSeconds(30);

		public Duration getQuietPeriod() {
			return this.quietPeriod;
		}

		public void setQuietPeriod(Duration quietPeriod) {
			this.quietPeriod = quietPeriod;
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public WatchMode getMode() {
			return this.mode;
		}

		public void setMode(WatchMode mode) {
			this.mode = mode;
		}

		public Duration getStallTimeout() {
			return this.stallTimeout;
		}

		public void setStallTimeout(Duration stallTimeout) {
			this.stallTimeout = stallTimeout;
		}

	}

	/**
	 * Reloads on an operating system signal.
	 */
	public static class Signal {

		/**
		 * Whether to reload every bundle when the process receives SIGHUP, like nginx or
		 * HAProxy. SIGHUP then no longer shuts the JVM down.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * How certificate material is read.
	 */
	public static class Source {

		/**
		 * Largest certificate, key or key store file that is read, also when its content
		 * is compared to notice a change. Larger files are rejected without being read
		 * into memory.
		 */
		private DataSize maxFileSize = DataSize.ofMegabytes(1);

		public DataSize getMaxFileSize() {
			return this.maxFileSize;
		}

		public void setMaxFileSize(DataSize maxFileSize) {
			this.maxFileSize = maxFileSize;
		}

	}

	/**
	 * The reload history kept for each bundle.
	 */
	public static class History {

		/**
		 * Number of reload results kept for each bundle.
		 */
		private int size = 20;

		public int getSize() {
			return this.size;
		}

		public void setSize(int size) {
			this.size = size;
		}

	}

	/**
	 * How new certificate material is validated before it is published.
	 */
	public static class Validation {

		/**
		 * How a failure of each check is treated: 'reject' (keep serving the current
		 * certificate), 'warn' (publish and report) or 'off'. Checks: parse, key-match,
		 * dates, chain, signature-algorithm, critical-extension, basic-constraints, path,
		 * ca-as-leaf, key-usage, trust-anchors, handshake (reject by default),
		 * min-validity, trust-continuity, extended-key-usage, hostnames, key-strength
		 * (warn by default).
		 */
		private final Map<Check, Severity> checks = new EnumMap<>(Check.class);

		/**
		 * How far in the future the start of a certificate's validity may be and still be
		 * accepted.
		 */
		private Duration clockSkew = Duration.ofMinutes(5);

		/**
		 * Least time a new leaf certificate should remain valid (the min-validity check).
		 */
		private Duration minRemainingValidity = Duration.ofHours(24);

		/**
		 * Host names the leaf certificate must cover with its subject alternative names
		 * (the hostnames check). Wildcard names are understood.
		 */
		private List<String> requiredHostnames = new ArrayList<>();

		/**
		 * Smallest RSA key size, in bits, that the key-strength check accepts.
		 */
		private int minRsaKeySize = 2048;

		/**
		 * Overrides for individual bundles, by bundle name.
		 */
		private final Map<String, BundleValidation> bundles = new LinkedHashMap<>();

		public Map<Check, Severity> getChecks() {
			return this.checks;
		}

		public Duration getClockSkew() {
			return this.clockSkew;
		}

		public void setClockSkew(Duration clockSkew) {
			this.clockSkew = clockSkew;
		}

		public Duration getMinRemainingValidity() {
			return this.minRemainingValidity;
		}

		public void setMinRemainingValidity(Duration minRemainingValidity) {
			this.minRemainingValidity = minRemainingValidity;
		}

		public List<String> getRequiredHostnames() {
			return this.requiredHostnames;
		}

		public void setRequiredHostnames(List<String> requiredHostnames) {
			this.requiredHostnames = requiredHostnames;
		}

		public int getMinRsaKeySize() {
			return this.minRsaKeySize;
		}

		public void setMinRsaKeySize(int minRsaKeySize) {
			this.minRsaKeySize = minRsaKeySize;
		}

		public Map<String, BundleValidation> getBundles() {
			return this.bundles;
		}

	}

	/**
	 * How the material of one bundle is validated, where it differs from the defaults.
	 */
	public static class BundleValidation {

		/**
		 * How a failure of each check is treated for this bundle: 'reject', 'warn' or
		 * 'off'.
		 */
		private final Map<Check, Severity> checks = new EnumMap<>(Check.class);

		/**
		 * Least time a new leaf certificate of this bundle should remain valid.
		 */
		private Duration minRemainingValidity;

		/**
		 * Host names the leaf certificate of this bundle must cover.
		 */
		private List<String> requiredHostnames;

		/**
		 * Role of the bundle's material, which decides how it is validated: 'server',
		 * 'client' or 'trust'. When not set, it is inferred once the web servers have
		 * started: 'server' for a bundle that a web server serves, 'client' for any other
		 * bundle with a key, 'trust' for a bundle with trust material only.
		 */
		private BundleRole role;

		public Map<Check, Severity> getChecks() {
			return this.checks;
		}

		public BundleRole getRole() {
			return this.role;
		}

		public void setRole(BundleRole role) {
			this.role = role;
		}

		public Duration getMinRemainingValidity() {
			return this.minRemainingValidity;
		}

		public void setMinRemainingValidity(Duration minRemainingValidity) {
			this.minRemainingValidity = minRemainingValidity;
		}

		public List<String> getRequiredHostnames() {
			return this.requiredHostnames;
		}

		public void setRequiredHostnames(List<String> requiredHostnames) {
			this.requiredHostnames = requiredHostnames;
		}

	}

	/**
	 * Retries after rejected material.
	 */
	public static class Retry {

		/**
		 * Whether to retry a rejected reload automatically until the material becomes
		 * valid or changes.
		 */
		private boolean enabled = true;

		/**
		 * Delay before the first retry. Each further retry waits twice as long.
		 */
		private Duration initialInterval = Duration.ofSeconds(1);

		/**
		 * Longest delay between two retries.
		 */
		private Duration maxInterval = Duration.ofMinutes(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

	}

	/**
	 * Help for local development.
	 */
	public static class Development {

		/**
		 * Whether to generate a development CA and a certificate for localhost when both
		 * PEM files of a bundle's key store do not exist at startup. Only for local
		 * development: never enable it in production.
		 */
		private boolean generateMissingCertificates;

		/**
		 * Validity of a generated development certificate.
		 */
		private Duration certificateValidity = Duration.ofDays(90);

		public boolean isGenerateMissingCertificates() {
			return this.generateMissingCertificates;
		}

		public void setGenerateMissingCertificates(boolean generateMissingCertificates) {
			this.generateMissingCertificates = generateMissingCertificates;
		}

		public Duration getCertificateValidity() {
			return this.certificateValidity;
		}

		public void setCertificateValidity(Duration certificateValidity) {
			this.certificateValidity = certificateValidity;
		}

	}

	/**
	 * The 'certificates' health indicator.
	 */
	public static class Health {

		/**
		 * How long before a served certificate expires it is reported in the health
		 * details.
		 */
		private Duration expiryWarningThreshold = Duration.ofDays(14);

		/**
		 * Whether warnings (a certificate that expires within the threshold, a last
		 * reload that was rejected, material on disk that is not served, a required
		 * restart, a certificate that is not valid in a bundle that Spring Boot's ssl
		 * health indicator does not check) change the status from UP to OUT_OF_SERVICE. A
		 * certificate that is not valid in a bundle of Spring Boot's registry is always
		 * OUT_OF_SERVICE, as Spring Boot's ssl health indicator reports it; the status is
		 * never DOWN.
		 */
		private boolean warningsChangeStatus;

		public Duration getExpiryWarningThreshold() {
			return this.expiryWarningThreshold;
		}

		public void setExpiryWarningThreshold(Duration expiryWarningThreshold) {
			this.expiryWarningThreshold = expiryWarningThreshold;
		}

		public boolean isWarningsChangeStatus() {
			return this.warningsChangeStatus;
		}

		public void setWarningsChangeStatus(boolean warningsChangeStatus) {
			this.warningsChangeStatus = warningsChangeStatus;
		}

	}

	/**
	 * What hotcert does once the application has started.
	 */
	public static class Startup {

		/**
		 * How long after the application started to begin watching the files, registering
		 * the reload meters and validating the material every bundle serves since
		 * startup, so that this work does not compete with the application's first
		 * requests. The server serves meanwhile, the bundles report that they are
		 * validating, and a change made meanwhile is found then.
		 */
		private Duration delay = Duration.ofSeconds(1);

		public Duration getDelay() {
			return this.delay;
		}

		public void setDelay(Duration delay) {
			this.delay = delay;
		}

	}

	/**
	 * Reloads when the configuration changes while the application runs.
	 */
	public static class Refresh {

		/**
		 * Whether to reload the bundles whose spring.ssl.bundle properties changed when
		 * Spring Cloud publishes an EnvironmentChangeEvent (a refresh through
		 * /actuator/refresh, Spring Cloud Bus, Config, Consul or Kubernetes).
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * What happens when new material is published that a consumer of the bundle (a web
	 * server hotcert cannot update) cannot take while the application runs.
	 */
	public static class Restart {

		/**
		 * Whether to set the application's liveness state to BROKEN when a bundle
		 * requires a restart, so that a Kubernetes liveness probe on
		 * /actuator/health/liveness restarts the container.
		 */
		private boolean breakLiveness;

		public boolean isBreakLiveness() {
			return this.breakLiveness;
		}

		public void setBreakLiveness(boolean breakLiveness) {
			this.breakLiveness = breakLiveness;
		}

	}

}
