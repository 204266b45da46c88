package io.github.hotcert.reload;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.source.ContentDigest;
import io.github.hotcert.source.LoadedMaterial;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.StringUtils;

/**
 * What a bundle serves: the certificate chain, the trusted certificates and the digests
 * of the content they were read from.
 *
 * @param chain the served certificate chain, leaf first (empty for trust-only bundles)
 * @param trustedCertificates the trusted certificates
 * @param contentHash the hash of the content the material was read from, or {@code null}
 * when it was not read by hotcert
 * @param contents the digests of that content
 * @param since when the material started being served (or was first seen)
 */
public record ServedMaterial(List<CertificateInfo> chain, List<CertificateInfo> trustedCertificates, String contentHash,
		List<ContentDigest> contents, Instant since) {

	public ServedMaterial {
		chain = List.copyOf(chain);
		trustedCertificates = List.copyOf(trustedCertificates);
		contents = (contents != null) ? List.copyOf(contents) : List.of();
	}

	/**
	 * Return the leaf certificate.
	 * @return the leaf certificate, or {@code null} for trust-only bundles
	 */
	public CertificateInfo leaf() {
		return this.chain.isEmpty() ? null : this.chain.get(0);
	}

	static ServedMaterial of(LoadedMaterial material, Instant since) {
		return new ServedMaterial(material.getChainInfo(), material.getTrustInfo(), material.getContentHash(),
				material.getContents(), since);
	}

	static ServedMaterial of(SslBundle bundle, Instant since) {
		return new ServedMaterial(CertificateInfo.of(chain(bundle)), CertificateInfo.of(trusted(bundle)), null, null,
				since);
	}

	/**
	 * Return the certificate chain of the key entry of a bundle's key store.
	 * @param bundle the bundle
	 * @return the chain, leaf first, or an empty list
	 */
	static List<X509Certificate> chain(SslBundle bundle) {
		try {
			KeyStore keyStore = bundle.getStores().getKeyStore();
			if (keyStore == null) {
				return List.of();
			}
			String alias = bundle.getKey().getAlias();
			if (!StringUtils.hasText(alias)) {
				alias = Collections.list(keyStore.aliases())
					.stream()
					.filter((candidate) -> isKeyEntry(keyStore, candidate))
					.findFirst()
					.orElse(null);
			}
			Certificate[] chain = (alias != null) ? keyStore.getCertificateChain(alias) : null;
			return (chain != null) ? Arrays.stream(chain).map(X509Certificate.class::cast).toList() : List.of();
		}
		catch (KeyStoreException | RuntimeException ex) {
			return List.of();
		}
	}

	private static List<X509Certificate> trusted(SslBundle bundle) {
		try {
			KeyStore trustStore = bundle.getStores().getTrustStore();
			List<X509Certificate> certificates = new ArrayList<>();
			if (trustStore != null) {
				for (String alias : Collections.list(trustStore.aliases())) {
					if (trustStore.getCertificate(alias) instanceof X509Certificate certificate) {
						certificates.add(certificate);
					}
				}
			}
			return certificates;
		}
		catch (KeyStoreException | RuntimeException ex) {
			return List.of();
		}
	}

	private static boolean isKeyEntry(KeyStore keyStore, String alias) {
		try {
			return keyStore.isKeyEntry(alias);
		}
		catch (KeyStoreException ex) {
			return false;
		}
	}

}
