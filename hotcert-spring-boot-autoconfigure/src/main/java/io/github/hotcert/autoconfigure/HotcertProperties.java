package io.github.hotcert.autoconfigure;

import java.time.Duration;

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

	private final Source source = new Source();

	private final History history = new History();

	private final Development development = new Development();

	private final Health health = new Health();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Watch getWatch() {
		return this.watch;
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

	public Health getHealth() {
		return this.health;
	}

	/**
	 * How changes to certificate files are noticed.
	 */
	public static class Watch {

		/**
		 * How long no further file event must arrive before a change is reloaded.
		 */
		private Duration quietPeriod = Duration.ofMillis(250);

		public Duration getQuietPeriod() {
			return this.quietPeriod;
		}

		public void setQuietPeriod(Duration quietPeriod) {
			this.quietPeriod = quietPeriod;
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
		 * reload that was rejected, material on disk that is not served) change the
		 * status from UP to OUT_OF_SERVICE. An expired certificate is always DOWN.
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

}
