package io.github.hotcert.source;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.github.hotcert.source.ChainOrder.Kind;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChainOrder}.
 */
class ChainOrderTests {

	private static final TestCertificates certificates = new TestCertificates(
			Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

	private static final Issued root = certificates.authority("Root CA");

	private static final Issued intermediate = certificates.intermediate(certificates.leaf("Intermediate CA"), root);

	private static final Issued leaf = certificates.issue(certificates.leaf("www.example.com"), intermediate);

	@Test
	void acceptsChainInOrder() {
		assertThat(ChainOrder.leafPosition(leaf.chain())).isNull();
		assertThat(ChainOrder.firstBrokenLink(leaf.chain())).isNull();
	}

	@Test
	void acceptsSingleCertificateAndAuthoritiesOnly() {
		assertThat(ChainOrder.leafPosition(List.of(leaf.certificate()))).isNull();
		assertThat(ChainOrder.firstBrokenLink(List.of(leaf.certificate()))).isNull();
		assertThat(ChainOrder.leafPosition(intermediate.chain())).isNull();
	}

	@Test
	void findsLeafAfterItsIssuer() {
		ChainOrder.Problem problem = ChainOrder
			.leafPosition(List.of(intermediate.certificate(), leaf.certificate(), root.certificate()));
		assertThat(problem.kind()).isEqualTo(Kind.LEAF_NOT_FIRST);
		assertThat(problem.position()).isEqualTo(2);
		assertThat(problem.describe("/tls.crt")).isEqualTo("the leaf certificate is not first in '/tls.crt': "
				+ "certificate CN=Intermediate CA serial " + intermediate.serialHex()
				+ " comes first, certificate CN=www.example.com serial " + leaf.serialHex() + " is at position 2");
	}

	@Test
	void findsCertificateFollowedByAnotherIssuer() {
		Issued other = certificates.intermediate(certificates.leaf("Other CA"), root);
		ChainOrder.Problem problem = ChainOrder.firstBrokenLink(List.of(leaf.certificate(), other.certificate()));
		assertThat(problem.kind()).isEqualTo(Kind.NOT_ISSUED_BY_NEXT);
		assertThat(problem.describe(null)).isEqualTo("certificate CN=www.example.com serial " + leaf.serialHex()
				+ " is issued by 'CN=Intermediate CA', not by the next certificate in the file, "
				+ "certificate CN=Other CA serial " + other.serialHex());
		assertThat(problem.describe("/tls.crt")).startsWith("certificate CN=www.example.com serial " + leaf.serialHex()
				+ " in '/tls.crt' is issued by 'CN=Intermediate CA'");
	}

	@Test
	void findsCertificateFollowedByIssuerOfTheRightNameButAnotherKey() {
		Issued impostor = certificates.intermediate(certificates.leaf("Intermediate CA"), root);
		ChainOrder.Problem problem = ChainOrder
			.firstBrokenLink(List.of(leaf.certificate(), impostor.certificate(), root.certificate()));
		assertThat(problem.kind()).isEqualTo(Kind.NOT_SIGNED_BY_NEXT);
		assertThat(problem.position()).isEqualTo(1);
		assertThat(problem.describe("/tls.crt")).endsWith("is not signed by the next certificate in the file, "
				+ "certificate CN=Intermediate CA serial " + impostor.serialHex());
	}

	@Test
	void findsTheFirstBrokenLinkOnly() {
		Issued otherRoot = certificates.authority("Root CA");
		ChainOrder.Problem problem = ChainOrder
			.firstBrokenLink(List.of(leaf.certificate(), intermediate.certificate(), otherRoot.certificate()));
		assertThat(problem.certificate()).isEqualTo(intermediate.certificate());
		assertThat(problem.position()).isEqualTo(2);
	}

	@Test
	void tellsWhetherACertificateIsSignedByAnother() {
		assertThat(ChainOrder.isSignedBy(leaf.certificate(), intermediate.certificate())).isTrue();
		assertThat(ChainOrder.isSignedBy(leaf.certificate(), root.certificate())).isFalse();
	}

}
