package io.github.hotcert.source;

import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;

import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InMemoryKeyStores}.
 */
class InMemoryKeyStoresTests {

	private final Issued issued = TestCertificates.now().selfSigned(TestCertificates.now().leaf("in memory"));

	@Test
	void protectsAPkcs12KeyWithOneIteration() throws Exception {
		KeyStore keyStore = keyStore("PKCS12", "secret".toCharArray());
		assertThat(keyIterationCounts(keyStore, "secret".toCharArray())).containsExactly(1);
	}

	@Test
	void keyIsReadWithItsPassword() throws Exception {
		KeyStore keyStore = keyStore("PKCS12", "secret".toCharArray());
		assertThat(keyStore.getKey("web", "secret".toCharArray())).isEqualTo(this.issued.keyPair().getPrivate());
		assertThat(keyStore.getCertificateChain("web")).containsExactly(this.issued.certificate());
	}

	@Test
	void keyWithoutPasswordIsReadWithoutOne() throws Exception {
		KeyStore keyStore = keyStore("PKCS12", null);
		assertThat(keyStore.getKey("web", null)).isEqualTo(this.issued.keyPair().getPrivate());
		assertThat(keyStore.getKey("web", new char[0])).isEqualTo(this.issued.keyPair().getPrivate());
	}

	@Test
	void keyOfAnotherTypeOfKeyStoreIsPutAsItIs() throws Exception {
		KeyStore keyStore = keyStore("JKS", "secret".toCharArray());
		assertThat(keyStore.getKey("web", "secret".toCharArray())).isEqualTo(this.issued.keyPair().getPrivate());
	}

	@Test
	void copiesAPkcs12KeyStoreWithOneKeyAndItsCertificates() throws Exception {
		KeyStore original = KeyStore.getInstance("PKCS12");
		original.load(null);
		original.setKeyEntry("web", this.issued.keyPair().getPrivate(), "secret".toCharArray(),
				new Certificate[] { this.issued.certificate() });
		original.setCertificateEntry("ca", this.issued.certificate());
		KeyStore copy = InMemoryKeyStores.copyWithKey(original, "web", this.issued.keyPair().getPrivate(),
				"secret".toCharArray());
		assertThat(copy).isNotSameAs(original);
		assertThat(keyIterationCounts(copy, "secret".toCharArray())).containsExactly(1);
		assertThat(copy.getKey("web", "secret".toCharArray())).isEqualTo(this.issued.keyPair().getPrivate());
		assertThat(copy.getCertificate("ca")).isEqualTo(this.issued.certificate());
	}

	@Test
	void keepsAKeyStoreOfAnotherType() throws Exception {
		KeyStore original = keyStore("JKS", "secret".toCharArray());
		assertThat(InMemoryKeyStores.copyWithKey(original, "web", this.issued.keyPair().getPrivate(),
				"secret".toCharArray()))
			.isSameAs(original);
	}

	private KeyStore keyStore(String type, char[] password) throws Exception {
		KeyStore keyStore = KeyStore.getInstance(type);
		keyStore.load(null);
		InMemoryKeyStores.setKeyEntry(keyStore, type, "web", this.issued.keyPair().getPrivate(), password,
				new Certificate[] { this.issued.certificate() });
		return keyStore;
	}

	/**
	 * Write the key store and read the PBKDF2 iteration count of each of its keys.
	 */
	static List<Integer> keyIterationCounts(KeyStore keyStore, char[] password) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		keyStore.store(bytes, password);
		List<Integer> counts = new ArrayList<>();
		for (ContentInfo info : new PKCS12PfxPdu(bytes.toByteArray()).getContentInfos()) {
			// The certificates are in encrypted data, the keys in shrouded key bags of
			// plain data
			if (info.getContentType().equals(PKCSObjectIdentifiers.data)) {
				for (PKCS12SafeBag bag : new PKCS12SafeBagFactory(info).getSafeBags()) {
					if (bag.getBagValue() instanceof PKCS8EncryptedPrivateKeyInfo key) {
						PBES2Parameters parameters = PBES2Parameters
							.getInstance(key.getEncryptionAlgorithm().getParameters());
						counts.add(PBKDF2Params.getInstance(parameters.getKeyDerivationFunc().getParameters())
							.getIterationCount()
							.intValue());
					}
				}
			}
		}
		return counts;
	}

}
