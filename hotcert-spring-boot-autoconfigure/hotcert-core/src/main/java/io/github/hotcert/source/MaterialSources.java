package io.github.hotcert.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.hotcert.logging.LogFields;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.ssl.JksSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.SslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.boot.web.server.Ssl;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Creates the {@link MaterialSource material sources} of the SSL bundles configured with
 * {@code spring.ssl.bundle.pem.*} and {@code spring.ssl.bundle.jks.*}: every bundle with
 * a certificate or a key store, whether it is a file, PEM content written in the property
 * or another resource. Only files change by themselves; the others change when the
 * configuration changes (see {@code SslBundleRebinder}).
 */
public class MaterialSources {

	private static final Log logger = LogFactory.getLog(MaterialSources.class);

	private final ResourceLoader resourceLoader;

	private final ContentReader reader;

	/**
	 * Create a new {@link MaterialSources}.
	 * @param resourceLoader the loader used to resolve locations (it should prefer file
	 * resolution, as Spring Boot's own SSL auto-configuration does)
	 * @param reader the reader of content
	 */
	public MaterialSources(ResourceLoader resourceLoader, ContentReader reader) {
		this.resourceLoader = resourceLoader;
		this.reader = reader;
	}

	/**
	 * Return the sources of every bundle in the given properties that has material: a
	 * certificate or a key store, in a file, in the property itself or in another
	 * resource. A bundle without any (a key store of a hardware provider, for example) is
	 * left out.
	 * @param properties the SSL properties
	 * @return the material sources, PEM bundles first, each group in name order
	 */
	public List<MaterialSource> fromSslProperties(SslProperties properties) {
		return sources(properties, true);
	}

	/**
	 * Return the sources of every bundle in the given properties, as
	 * {@link #fromSslProperties(SslProperties)} does, by bundle name, without logging
	 * anything: for properties bound again while the application runs.
	 * @param properties the SSL properties
	 * @return the material sources by bundle name, PEM bundles first
	 */
	public Map<String, MaterialSource> byName(SslProperties properties) {
		Map<String, MaterialSource> sources = new LinkedHashMap<>();
		sources(properties, false).forEach((source) -> sources.putIfAbsent(source.getBundleName(), source));
		return sources;
	}

	private List<MaterialSource> sources(SslProperties properties, boolean warn) {
		List<MaterialSource> sources = new ArrayList<>();
		new TreeMap<>(properties.getBundle().getPem()).forEach((name, pem) -> {
			String prefix = PropertyNames.entry("spring.ssl.bundle.pem", name) + ".";
			add(sources, pem(name, prefix, pem), pem, prefix, warn);
		});
		new TreeMap<>(properties.getBundle().getJks()).forEach((name, jks) -> {
			String prefix = PropertyNames.entry("spring.ssl.bundle.jks", name) + ".";
			add(sources, jks(name, prefix, jks), jks, prefix, warn);
		});
		return sources;
	}

	private void add(List<MaterialSource> sources, MaterialSource source, SslBundleProperties properties, String prefix,
			boolean warn) {
		if (source == null) {
			return;
		}
		sources.add(source);
		if (warn && !source.getFiles().isEmpty()) {
			if (properties.isReloadOnUpdate()) {
				LogFields.bundle(source.getBundleName())
					.warn(logger,
							("SSL bundle '%s' sets %sreload-on-update=true, but hotcert already watches it: Spring "
									+ "Boot's own reload reads every change again after its quiet period and publishes it a second "
									+ "time (unvalidated when the application replaces Spring Boot's SSL bundle registry). "
									+ "Remove %sreload-on-update.")
								.formatted(source.getBundleName(), prefix, prefix));
			}
		}
	}

	private MaterialSource pem(String name, String prefix, PemSslBundleProperties properties) {
		return source(name, pemStore(prefix + "keystore.", properties.getKeystore()),
				pemStore(prefix + "truststore.", properties.getTruststore()), properties);
	}

	private StoreSource pemStore(String prefix, PemSslBundleProperties.Store store) {
		if (!StringUtils.hasText(store.getCertificate())) {
			return null;
		}
		return StoreSource.pem(store.getType(), location(prefix + "certificate", store.getCertificate()),
				location(prefix + "private-key", store.getPrivateKey()), store.getPrivateKeyPassword());
	}

	private MaterialSource jks(String name, String prefix, JksSslBundleProperties properties) {
		return source(name, jksStore(prefix + "keystore.", properties.getKeystore()),
				jksStore(prefix + "truststore.", properties.getTruststore()), properties);
	}

	private MaterialSource source(String name, StoreSource keyStore, StoreSource trustStore,
			SslBundleProperties properties) {
		if (keyStore == null && trustStore == null) {
			return null;
		}
		return new MaterialSource(name, this.reader, keyStore, trustStore, key(properties), options(properties),
				properties.getProtocol());
	}

	private StoreSource jksStore(String prefix, JksSslBundleProperties.Store store) {
		if (!StringUtils.hasText(store.getLocation())) {
			return null;
		}
		return StoreSource.keyStore(store.getType(), store.getProvider(),
				location(prefix + "location", store.getLocation()), store.getPassword());
	}

	/**
	 * Return the source of the bundle a web server builds from its SSL properties
	 * ({@code server.ssl.key-store}, {@code server.ssl.certificate},
	 * {@code server.ssl.trust-store}, ...), when those properties name at least one file
	 * and no {@code bundle} is set.
	 * @param ssl the web server's SSL properties
	 * @param bundleName the name to give the bundle
	 * @param prefix the prefix of the properties, such as {@code server.ssl.}
	 * @return the source, or {@code null}
	 */
	public MaterialSource fromServerSsl(Ssl ssl, String bundleName, String prefix) {
		if (!Ssl.isEnabled(ssl) || StringUtils.hasText(ssl.getBundle())) {
			return null;
		}
		StoreSource keyStore = null;
		if (StringUtils.hasText(ssl.getCertificate()) && StringUtils.hasText(ssl.getCertificatePrivateKey())) {
			keyStore = StoreSource.pem(ssl.getKeyStoreType(), location(prefix + "certificate", ssl.getCertificate()),
					location(prefix + "certificate-private-key", ssl.getCertificatePrivateKey()), null);
		}
		else if (StringUtils.hasText(ssl.getKeyStore())) {
			keyStore = StoreSource.keyStore(ssl.getKeyStoreType(), ssl.getKeyStoreProvider(),
					location(prefix + "key-store", ssl.getKeyStore()), ssl.getKeyStorePassword());
		}
		StoreSource trustStore = null;
		if (StringUtils.hasText(ssl.getTrustCertificate())) {
			trustStore = StoreSource.pem(ssl.getTrustStoreType(),
					location(prefix + "trust-certificate", ssl.getTrustCertificate()),
					location(prefix + "trust-certificate-private-key", ssl.getTrustCertificatePrivateKey()), null);
		}
		else if (StringUtils.hasText(ssl.getTrustStore())) {
			trustStore = StoreSource.keyStore(ssl.getTrustStoreType(), ssl.getTrustStoreProvider(),
					location(prefix + "trust-store", ssl.getTrustStore()), ssl.getTrustStorePassword());
		}
		if (keyStore == null && trustStore == null) {
			return null;
		}
		MaterialSource source = new MaterialSource(bundleName, this.reader, keyStore, trustStore,
				SslBundleKey.of(ssl.getKeyPassword(), ssl.getKeyAlias()),
				SslOptions.of(ssl.getCiphers(), ssl.getEnabledProtocols()), ssl.getProtocol());
		return source.getFiles().isEmpty() ? null : source;
	}

	/**
	 * Return the source of a bundle read from a PEM certificate chain and private key
	 * file.
	 * @param bundleName the bundle name
	 * @param prefix the prefix of the properties that configure the files, for messages
	 * @param certificate the certificate chain file
	 * @param privateKey the private key file
	 * @return the source
	 */
	public MaterialSource fromPemFiles(String bundleName, String prefix, Path certificate, Path privateKey) {
		return new MaterialSource(bundleName, this.reader,
				StoreSource.pem(null, new MaterialLocation(prefix + "certificate", certificate.toString(), certificate),
						new MaterialLocation(prefix + "private-key", privateKey.toString(), privateKey), null),
				null, null, null, null);
	}

	/**
	 * Resolve a configured value to a {@link MaterialLocation}.
	 * @param property the property that holds the value
	 * @param value the value: PEM text, a resource location or a file path
	 * @return the location, or {@code null} when the value is empty
	 */
	public MaterialLocation location(String property, String value) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		if (PemContent.isPresentInText(value)) {
			return new MaterialLocation(property, value, null);
		}
		return new MaterialLocation(property, value, resolveFile(value));
	}

	private Path resolveFile(String value) {
		Resource resource = this.resourceLoader.getResource(value);
		if (!resource.isFile()) {
			return null;
		}
		try {
			return resource.getFile().toPath().toAbsolutePath();
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static SslBundleKey key(SslBundleProperties properties) {
		SslBundleProperties.Key key = properties.getKey();
		return SslBundleKey.of(key.getPassword(), key.getAlias());
	}

	private static SslOptions options(SslBundleProperties properties) {
		return SslOptions.of(properties.getOptions().getCiphers(), properties.getOptions().getEnabledProtocols());
	}

}
