package io.github.hotcert.validation;

import java.security.cert.X509Certificate;
import java.util.List;

import io.github.hotcert.source.ChainOrder;
import io.github.hotcert.source.KeyMaterial;
import io.github.hotcert.source.TrustMaterial;

/**
 * The path that a TLS client validates for a bundle's leaf certificate, and the
 * certificate it is anchored on: the self-signed root that ends the chain; else the
 * certificate of the bundle's trust store that issued the last certificate of the chain;
 * else the last certificate of the chain itself, taken as trusted because the chain has
 * no root. A self-signed leaf alone is its own anchor.
 */
final class CertificatePath {

	private final List<X509Certificate> chain;

	private final X509Certificate anchor;

	private final Anchor kind;

	private final String trustLocation;

	private CertificatePath(List<X509Certificate> chain, X509Certificate anchor, Anchor kind, String trustLocation) {
		this.chain = chain;
		this.anchor = anchor;
		this.kind = kind;
		this.trustLocation = trustLocation;
	}

	static CertificatePath of(KeyMaterial key, TrustMaterial trust) {
		List<X509Certificate> chain = key.chain();
		X509Certificate last = chain.get(chain.size() - 1);
		if (isSelfSigned(last)) {
			return new CertificatePath(chain, last, (chain.size() == 1) ? Anchor.SELF_SIGNED_LEAF : Anchor.ROOT, null);
		}
		if (trust != null) {
			for (X509Certificate candidate : trust.certificates()) {
				if (last.getIssuerX500Principal().equals(candidate.getSubjectX500Principal())
						&& ChainOrder.isSignedBy(last, candidate)) {
					return new CertificatePath(chain, candidate, Anchor.TRUST_STORE, trust.location().describe());
				}
			}
		}
		return new CertificatePath(chain, last, Anchor.LAST_OF_CHAIN, null);
	}

	static boolean isSelfSigned(X509Certificate certificate) {
		return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
				&& ChainOrder.isSignedBy(certificate, certificate);
	}

	/**
	 * Return the certificates of the chain, leaf first, as served.
	 */
	List<X509Certificate> chain() {
		return this.chain;
	}

	/**
	 * Return the certificates validated up to the anchor, leaf first: the chain without
	 * the anchor.
	 */
	List<X509Certificate> validated() {
		return (this.kind != Anchor.TRUST_STORE) ? this.chain.subList(0, this.chain.size() - 1) : this.chain;
	}

	X509Certificate anchor() {
		return this.anchor;
	}

	/**
	 * Return whether the anchor is a certificate of the chain that no client verifies
	 * against an issuer: a self-signed root, or a self-signed leaf alone.
	 */
	boolean isSelfSignedAnchor(X509Certificate certificate) {
		return certificate.equals(this.anchor) && (this.kind == Anchor.ROOT || this.kind == Anchor.SELF_SIGNED_LEAF);
	}

	/**
	 * Return whether the anchor is one of the chain's certificates.
	 */
	boolean isAnchorInChain() {
		return this.kind != Anchor.TRUST_STORE;
	}

	String describeAnchor() {
		return switch (this.kind) {
			case ROOT -> "the self-signed root " + Describe.certificate(this.anchor);
			case SELF_SIGNED_LEAF -> "the self-signed leaf itself";
			case TRUST_STORE -> Describe.certificate(this.anchor) + " of the trust store '" + this.trustLocation + "'";
			case LAST_OF_CHAIN -> Describe.certificate(this.anchor)
					+ ", the last certificate of the chain, taken as trusted because the chain has no root";
		};
	}

	private enum Anchor {

		ROOT, SELF_SIGNED_LEAF, TRUST_STORE, LAST_OF_CHAIN

	}

}
