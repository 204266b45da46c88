package io.github.hotcert.source;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Judges the order of a certificate chain: the leaf first, then each certificate followed
 * by its issuer. This is the one place that rule is written: loading a PEM key store, the
 * parse check (the leaf first) and the chain check (each link) all ask it.
 */
public final class ChainOrder {

	private ChainOrder() {
	}

	/**
	 * Find where the leaf is not first: the first certificate is a CA certificate and a
	 * certificate that is not one comes later.
	 * @param chain the certificates, in file order
	 * @return the problem, or {@code null} when the leaf is first (or every certificate
	 * is a CA certificate)
	 */
	public static Problem leafPosition(List<X509Certificate> chain) {
		if (chain.size() < 2 || !isCertificateAuthority(chain.get(0))) {
			return null;
		}
		for (int i = 1; i < chain.size(); i++) {
			if (!isCertificateAuthority(chain.get(i))) {
				return new Problem(Kind.LEAF_NOT_FIRST, chain.get(0), chain.get(i), i + 1);
			}
		}
		return null;
	}

	/**
	 * Find the first certificate that is not issued, or not signed, by the next one.
	 * @param chain the certificates, in file order
	 * @return the problem, or {@code null} when each certificate is issued and signed by
	 * the next
	 */
	public static Problem firstBrokenLink(List<X509Certificate> chain) {
		for (int i = 0; i + 1 < chain.size(); i++) {
			X509Certificate certificate = chain.get(i);
			X509Certificate next = chain.get(i + 1);
			if (!certificate.getIssuerX500Principal().equals(next.getSubjectX500Principal())) {
				return new Problem(Kind.NOT_ISSUED_BY_NEXT, certificate, next, i + 1);
			}
			if (!isSignedBy(certificate, next)) {
				return new Problem(Kind.NOT_SIGNED_BY_NEXT, certificate, next, i + 1);
			}
		}
		return null;
	}

	/**
	 * Return whether the given certificate is signed with the key of the given issuer.
	 * @param certificate the certificate
	 * @param issuer the candidate issuer
	 * @return whether the signature verifies with the issuer's public key
	 */
	public static boolean isSignedBy(X509Certificate certificate, X509Certificate issuer) {
		try {
			certificate.verify(issuer.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return false;
		}
	}

	private static boolean isCertificateAuthority(X509Certificate certificate) {
		return certificate.getBasicConstraints() >= 0;
	}

	static String describe(X509Certificate certificate) {
		CertificateInfo info = CertificateInfo.of(certificate);
		return "certificate %s serial %s".formatted(info.commonName(), info.serialNumber());
	}

	/**
	 * What is out of order.
	 */
	public enum Kind {

		/**
		 * A CA certificate comes before the leaf.
		 */
		LEAF_NOT_FIRST,

		/**
		 * A certificate is followed by one that is not its issuer.
		 */
		NOT_ISSUED_BY_NEXT,

		/**
		 * A certificate is followed by one with its issuer's name but another key.
		 */
		NOT_SIGNED_BY_NEXT

	}

	/**
	 * Where a chain is out of order.
	 *
	 * @param kind what is out of order
	 * @param certificate the certificate out of place: the first one for
	 * {@link Kind#LEAF_NOT_FIRST}, otherwise the one not followed by its issuer
	 * @param other the leaf found later for {@link Kind#LEAF_NOT_FIRST}, otherwise the
	 * next certificate
	 * @param position the position (from 1) of the leaf found later for
	 * {@link Kind#LEAF_NOT_FIRST}, otherwise of {@code certificate}
	 */
	public record Problem(Kind kind, X509Certificate certificate, X509Certificate other, int position) {

		/**
		 * Describe the problem.
		 * @param location the file the certificates were read from, or {@code null} to
		 * leave it out
		 * @return the description
		 */
		public String describe(String location) {
			String in = (location != null) ? " in '" + location + "'" : "";
			return switch (this.kind) {
				case LEAF_NOT_FIRST ->
					"the leaf certificate is not first%s: %s comes first, %s is at position %d".formatted(in,
							ChainOrder.describe(this.certificate), ChainOrder.describe(this.other), this.position);
				case NOT_ISSUED_BY_NEXT -> "%s%s is issued by '%s', not by the next certificate in the file, %s"
					.formatted(ChainOrder.describe(this.certificate), in,
							this.certificate.getIssuerX500Principal().getName(), ChainOrder.describe(this.other));
				case NOT_SIGNED_BY_NEXT -> "%s%s is not signed by the next certificate in the file, %s"
					.formatted(ChainOrder.describe(this.certificate), in, ChainOrder.describe(this.other));
			};
		}

	}

}
