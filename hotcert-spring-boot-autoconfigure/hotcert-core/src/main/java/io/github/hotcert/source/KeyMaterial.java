package io.github.hotcert.source;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The private key of a bundle with its certificate chain, leaf first. {@link #toString()}
 * never shows the key.
 *
 * @param alias the key store alias of the entry
 * @param privateKey the private key
 * @param chain the certificate chain, leaf first
 * @param keyLocation where the private key was read from
 * @param certificateLocation where the certificates were read from
 */
public record KeyMaterial(String alias, PrivateKey privateKey, List<X509Certificate> chain,
		MaterialLocation keyLocation, MaterialLocation certificateLocation) {

	/**
	 * Return the leaf certificate.
	 * @return the first certificate of the chain
	 */
	public X509Certificate leaf() {
		return this.chain.get(0);
	}

	@Override
	public String toString() {
		return "KeyMaterial[alias=" + this.alias + ", leaf=" + CertificateInfo.of(leaf()).describe() + ", key="
				+ this.keyLocation + "]";
	}

}
