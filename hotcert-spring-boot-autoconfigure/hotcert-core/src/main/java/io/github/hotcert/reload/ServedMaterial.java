package io.github.hotcert.reload;

import java.time.Instant;
import java.util.List;

import io.github.hotcert.source.CertificateInfo;
import io.github.hotcert.source.ContentDigest;
import io.github.hotcert.source.LoadedMaterial;
import io.github.hotcert.source.MaterialLoadException;

import org.springframework.boot.ssl.SslBundle;

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

	/**
	 * Describe a bundle that hotcert did not read, such as the one in Spring Boot's
	 * registry at startup. A bundle whose key entry cannot be read serves no known
	 * certificate.
	 */
	static ServedMaterial of(String bundleName, SslBundle bundle, Instant since) {
		try {
			return of(LoadedMaterial.of(bundleName, bundle), since);
		}
		catch (MaterialLoadException ex) {
			return new ServedMaterial(List.of(), List.of(), null, null, since);
		}
	}

}
