package io.github.hotcert.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.hotcert.acme.AcmeBundleSettings;
import io.github.hotcert.acme.AcmeBundleSettings.ExternalAccountBinding;
import io.github.hotcert.acme.Backoff;
import io.github.hotcert.acme.ChallengeType;
import io.github.hotcert.source.PropertyNames;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * Turns the {@code hotcert.acme.bundle.*} properties into the settings of each bundle,
 * and refuses, naming the property, what cannot work.
 */
final class AcmeSettings {

	/**
	 * The directories that {@code directory-url} may name by a short name.
	 */
	static final Map<String, String> DIRECTORIES = Map.of("letsencrypt",
			"https://acme-v02.api.letsencrypt.org/directory", "acme://letsencrypt.org",
			"https://acme-v02.api.letsencrypt.org/directory", "letsencrypt-staging",
			"https://acme-staging-v02.api.letsencrypt.org/directory", "acme://letsencrypt.org/staging",
			"https://acme-staging-v02.api.letsencrypt.org/directory");

	private static final Pattern DOMAIN = Pattern
		.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

	private static final Pattern BUNDLE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	private AcmeSettings() {
	}

	static List<AcmeBundleSettings> of(AcmeProperties properties) {
		List<AcmeBundleSettings> settings = new ArrayList<>();
		properties.getBundle().forEach((name, bundle) -> settings.add(of(name, bundle)));
		return settings;
	}

	static AcmeBundleSettings of(String name, AcmeProperties.Bundle bundle) {
		String prefix = PropertyNames.entry("hotcert.acme.bundle", name) + ".";
		if (!BUNDLE_NAME.matcher(name).matches() || name.contains("..")) {
			throw new InvalidConfigurationPropertyValueException("hotcert.acme.bundle", name,
					"An ACME bundle name must be letters, digits, '.', '_' and '-': it names a directory");
		}
		URI directory = directory(prefix + "directory-url", bundle.getDirectoryUrl());
		ChallengeType challengeType = bundle.getChallengeType();
		List<String> domains = domains(prefix + "domains", bundle.getDomains(), challengeType);
		if (!bundle.isTermsOfServiceAgreed()) {
			throw new InvalidConfigurationPropertyValueException(prefix + "terms-of-service-agreed", false,
					"The CA at %s creates an account only for those who agree to its terms of service: read them and "
						.formatted(directory) + "set %sterms-of-service-agreed=true".formatted(prefix));
		}
		if (!StringUtils.hasText(bundle.getStorage())) {
			throw new InvalidConfigurationPropertyValueException(prefix + "storage", null,
					"Set a directory for the account key and the certificates: one that survives restarts, so that "
							+ "the CA is not asked again at every start");
		}
		check(prefix + "http-challenge-port", bundle.getHttpChallengePort(),
				bundle.getHttpChallengePort() >= 0 && bundle.getHttpChallengePort() <= 65535, "Not a port");
		check(prefix + "renewal-ratio", bundle.getRenewalRatio(),
				bundle.getRenewalRatio() > 0 && bundle.getRenewalRatio() < 1,
				"The part of the lifetime left at renewal must be between 0 and 1, such as 0.33");
		positive(prefix + "order-timeout", bundle.getOrderTimeout());
		positive(prefix + "retry-initial-interval", bundle.getRetryInitialInterval());
		positive(prefix + "lock-timeout", bundle.getLockTimeout());
		check(prefix + "retry-max-interval", bundle.getRetryMaxInterval(),
				bundle.getRetryMaxInterval() != null
						&& bundle.getRetryMaxInterval().compareTo(bundle.getRetryInitialInterval()) >= 0,
				"Must not be shorter than retry-initial-interval");
		return new AcmeBundleSettings(name, directory, domains, text(bundle.getEmail()),
				Path.of(bundle.getStorage().trim()).toAbsolutePath().normalize(), challengeType,
				text(bundle.getHttpChallengeAddress()), bundle.getHttpChallengePort(), bundle.getHttpRedirectPort(),
				text(bundle.getDirectorySslBundle()), bundle.getKeyType(), text(bundle.getProfile()),
				externalAccountBinding(prefix + "external-account-binding.", bundle.getExternalAccountBinding()),
				bundle.getRenewalRatio(), bundle.isReuseKey(), bundle.getOrderTimeout(),
				new Backoff(bundle.getRetryInitialInterval(), bundle.getRetryMaxInterval()), bundle.getLockTimeout());
	}

	private static URI directory(String property, String value) {
		if (!StringUtils.hasText(value)) {
			throw new InvalidConfigurationPropertyValueException(property, null,
					"Set the URL of the CA's ACME directory, or 'letsencrypt-staging' to start with Let's Encrypt's "
							+ "staging CA, then 'letsencrypt'");
		}
		String url = DIRECTORIES.getOrDefault(value.trim().toLowerCase(Locale.ROOT), value.trim());
		try {
			URI uri = new URI(url);
			check(property, value, "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null,
					"An ACME directory is an https URL, or 'letsencrypt' or 'letsencrypt-staging'");
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new InvalidConfigurationPropertyValueException(property, value, "Not a URL: " + ex.getMessage());
		}
	}

	private static List<String> domains(String property, List<String> values, ChallengeType challengeType) {
		List<String> domains = new ArrayList<>();
		for (String value : values) {
			if (StringUtils.hasText(value)) {
				String domain = value.trim().toLowerCase(Locale.ROOT);
				check(property, value, DOMAIN.matcher(domain).matches() && domain.length() <= 253,
						"Not a domain name (IP addresses are not supported)");
				check(property, value, !domain.startsWith("*.") || challengeType == ChallengeType.DNS_01,
						"A wildcard domain can only be validated with challenge-type dns-01");
				if (!domains.contains(domain)) {
					domains.add(domain);
				}
			}
		}
		if (domains.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException(property, null,
					"Set the domains of the certificate, such as 'example.org, www.example.org'");
		}
		return domains;
	}

	private static ExternalAccountBinding externalAccountBinding(String prefix,
			AcmeProperties.ExternalAccountBinding binding) {
		boolean keyId = StringUtils.hasText(binding.getKeyId());
		boolean hmacKey = StringUtils.hasText(binding.getHmacKey());
		if (keyId != hmacKey) {
			throw new InvalidConfigurationPropertyValueException(prefix + (keyId ? "hmac-key" : "key-id"), null,
					"An external account binding needs both key-id and hmac-key");
		}
		return keyId ? new ExternalAccountBinding(binding.getKeyId().trim(), binding.getHmacKey().trim(),
				text(binding.getMacAlgorithm())) : null;
	}

	private static void positive(String property, Duration value) {
		check(property, value, value != null && value.toMillis() > 0, "Must be positive");
	}

	private static void check(String property, Object value, boolean valid, String reason) {
		if (!valid) {
			throw new InvalidConfigurationPropertyValueException(property, value, reason);
		}
	}

	private static String text(String value) {
		return StringUtils.hasText(value) ? value.trim() : null;
	}

}
