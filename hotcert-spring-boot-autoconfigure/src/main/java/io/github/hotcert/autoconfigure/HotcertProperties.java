package io.github.hotcert.autoconfigure;

import java.time.Duration;

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

	private final Watch watch = new Watch();

	private final Signal signal = new Signal();

	private final Source source = new Source();

	private final History history = new History();

	private final Development development = new Development();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
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

	public Development getDevelopment() {
		return this.development;
	}

	/**
	 * How changes to certificate files are noticed.
	 */
	public static class Watch {

		/**
		 * How long no further file event must arrive before a change is reloaded.
		 */
		private Duration quietPeriod = Duration.ofMillis(250);

		/**
		 * Longest time a change waits for the quiet period: continuous writes cannot
		 * postpone a reload beyond it.
		 */
		private Duration maxWait = Duration.ofSeconds(2);

		/**
		 * Time between two comparisons of the content of every watched file, which find
		 * changes that produced no file event (NFS, bind mounts).
		 */
		private Duration pollInterval = Duration.ofSeconds(10);

		/**
		 * How changes are noticed: 'watch+poll' (file events, with polling as a
		 * fallback), 'poll' (polling only) or 'off' (reloads on request only).
		 */
		private WatchMode mode = WatchMode.WATCH_POLL;

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
		 * Largest certificate, key or key store file that is read. Larger files are
		 * rejected without being read into memory.
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

}
