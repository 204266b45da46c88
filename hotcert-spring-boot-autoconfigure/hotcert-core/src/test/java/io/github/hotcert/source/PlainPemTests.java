package io.github.hotcert.source;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import io.github.hotcert.source.PemStructure.Block;
import io.github.hotcert.testsupport.PemFiles;
import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestCertificates.KeyType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PlainPem}: what it decodes is exactly what was written, and what it
 * does not decode is left to {@link PemParser}.
 */
class PlainPemTests {

	private static final TestCertificates certificates = PemParserTests.certificates;

	private static final Issued authority = PemParserTests.authority;

	private static final Issued ec = PemParserTests.ec;

	private static final Issued rsa = PemParserTests.rsa;

	@Test
	void decodesACertificateChainInFileOrder() {
		Issued intermediate = certificates.intermediate(certificates.leaf("Intermediate CA"), authority);
		Issued leaf = certificates.issue(certificates.leaf("chain.example.com"), intermediate);
		List<X509Certificate> decoded = PlainPem.certificates(blocks(PemFiles.certificates(leaf.chain())));
		assertThat(decoded).containsExactlyElementsOf(leaf.chain());
	}

	@Test
	void decodesPkcs8AndPkcs1RsaKeys() {
		PemParserTests.assertSameKey(PlainPem.privateKey(blocks(PemFiles.pkcs8(rsa.keyPair().getPrivate()))),
				rsa.keyPair().getPrivate());
		String pkcs1 = PemFiles.traditional(rsa.keyPair().getPrivate());
		assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----");
		PemParserTests.assertSameKey(PlainPem.privateKey(blocks(pkcs1)), rsa.keyPair().getPrivate());
	}

	@Test
	void decodesPkcs8EcKeyOrLeavesItWhenTheJdkEncodesItOtherwise() {
		assertThat(PlainPem.privateKey(blocks(PemFiles.pkcs8(ec.keyPair().getPrivate())))).satisfiesAnyOf(
				(key) -> assertThat(key).isNull(),
				(key) -> PemParserTests.assertSameKey(key, ec.keyPair().getPrivate()));
	}

	@Test
	void leavesEncryptedSec1AndOtherKeysToBouncyCastle() {
		assertThat(PlainPem.privateKey(blocks(PemFiles.encryptedPkcs8(rsa.keyPair().getPrivate(), "secret")))).isNull();
		assertThat(PlainPem.privateKey(blocks(PemFiles.legacyEncrypted(rsa.keyPair().getPrivate(), "secret"))))
			.isNull();
		assertThat(PlainPem.privateKey(blocks(PemFiles.traditional(ec.keyPair().getPrivate())))).isNull();
		Issued ed25519 = certificates.issue(certificates.leaf("ed25519.example.com").keyType(KeyType.ED25519),
				authority);
		assertThat(PlainPem.privateKey(blocks(PemFiles.pkcs8(ed25519.keyPair().getPrivate())))).isNull();
		String twoKeys = PemFiles.pkcs8(rsa.keyPair().getPrivate()) + PemFiles.pkcs8(rsa.keyPair().getPrivate());
		assertThat(PlainPem.privateKey(blocks(twoKeys))).isNull();
	}

	@Test
	void leavesBlocksThatAreNotAllCertificatesToBouncyCastle() {
		String mixed = PemFiles.certificate(rsa.certificate()) + PemFiles.pkcs8(rsa.keyPair().getPrivate());
		assertThat(PlainPem.certificates(blocks(mixed))).isNull();
		assertThat(PlainPem.privateKey(blocks(PemFiles.certificate(rsa.certificate())))).isNull();
	}

	@Test
	void leavesACertificateFollowedByOtherBytesInItsBlockToBouncyCastle() throws Exception {
		byte[] encoded = rsa.certificate().getEncoded();
		byte[] padded = Arrays.copyOf(encoded, encoded.length + 2);
		assertThat(PlainPem.certificates(blocks(PemParserTests.pem("CERTIFICATE", padded)))).isNull();
	}

	@Test
	void leavesAKeyFollowedByOtherBytesInItsBlockToBouncyCastle() {
		byte[] encoded = rsa.keyPair().getPrivate().getEncoded();
		byte[] padded = Arrays.copyOf(encoded, encoded.length + 2);
		assertThat(PlainPem.privateKey(blocks(PemParserTests.pem("PRIVATE KEY", padded)))).isNull();
	}

	private static List<Block> blocks(String pem) {
		return PemStructure.check(pem, pem.getBytes(StandardCharsets.US_ASCII));
	}

}
