package io.github.hotcert.follow;

import javax.net.ssl.KeyManager;
import javax.net.ssl.X509ExtendedKeyManager;

import io.github.hotcert.testsupport.TestCertificates;
import io.github.hotcert.testsupport.TestCertificates.Issued;
import io.github.hotcert.testsupport.TestSslBundles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FollowingKeyManager}: within one handshake the alias is chosen first,
 * then the key and the chain are read, and new material may be followed in between.
 */
class FollowingKeyManagerTests {

	private static final TestCertificates certificates = TestCertificates.now();

	private static final Issued authority = certificates.authority("key manager test CA");

	private final Issued first = certificates.issue(certificates.leaf("first"), authority);

	private final Issued second = certificates.issue(certificates.leaf("second"), authority);

	private final FollowingSslBundle bundle = new FollowingSslBundle("client", TestSslBundles.of(this.first));

	private final X509ExtendedKeyManager keyManager = keyManager();

	@Test
	void aClientAliasChosenBeforeASwapGivesTheKeyAndChainOfTheMaterialItWasChosenFrom() {
		String alias = this.keyManager.chooseEngineClientAlias(new String[] { "EC" }, null, null);
		this.bundle.follow(TestSslBundles.of(this.second));
		assertThat(this.keyManager.getPrivateKey(alias)).isEqualTo(this.first.keyPair().getPrivate());
		assertThat(this.keyManager.getCertificateChain(alias)[0]).isEqualTo(this.first.certificate());
		String next = this.keyManager.chooseEngineClientAlias(new String[] { "EC" }, null, null);
		assertThat(next).isNotEqualTo(alias);
		assertThat(this.keyManager.getPrivateKey(next)).isEqualTo(this.second.keyPair().getPrivate());
		assertThat(this.keyManager.getCertificateChain(next)[0]).isEqualTo(this.second.certificate());
	}

	@Test
	void aServerAliasChosenBeforeASwapGivesTheKeyAndChainOfTheMaterialItWasChosenFrom() {
		String alias = this.keyManager.chooseServerAlias("EC", null, null);
		this.bundle.follow(TestSslBundles.of(this.second));
		assertThat(this.keyManager.getCertificateChain(alias)[0]).isEqualTo(this.first.certificate());
		assertThat(this.keyManager.getPrivateKey(alias)).isEqualTo(this.first.keyPair().getPrivate());
		assertThat(this.keyManager.getServerAliases("EC", null)).singleElement()
			.satisfies((current) -> assertThat(this.keyManager.getCertificateChain(current)[0])
				.isEqualTo(this.second.certificate()));
	}

	@Test
	void anAliasOfTheKeyStoreItselfGivesTheCurrentMaterial() {
		this.bundle.follow(TestSslBundles.of(this.second));
		assertThat(this.keyManager.getCertificateChain(TestSslBundles.ALIAS)[0]).isEqualTo(this.second.certificate());
		assertThat(this.keyManager.getPrivateKey(TestSslBundles.ALIAS)).isEqualTo(this.second.keyPair().getPrivate());
	}

	@Test
	void anAliasOfMaterialReplacedLongAgoGivesNothingRatherThanAnotherKey() {
		String alias = this.keyManager.chooseEngineServerAlias("EC", null, null);
		for (int i = 0; i < 4; i++) {
			this.bundle.follow(TestSslBundles.of(certificates.issue(certificates.leaf("rotation " + i), authority)));
		}
		assertThat(this.keyManager.getPrivateKey(alias)).isNull();
		assertThat(this.keyManager.getCertificateChain(alias)).isNull();
	}

	@Test
	void followingTheBundleFollowedNowKeepsItsAliases() {
		String alias = this.keyManager.chooseEngineClientAlias(new String[] { "EC" }, null, null);
		this.bundle.follow(this.bundle.getFollowed());
		this.bundle.follow(this.bundle);
		assertThat(this.keyManager.chooseEngineClientAlias(new String[] { "EC" }, null, null)).isEqualTo(alias);
	}

	@Test
	void theKeyManagerFactoryHandsOutTheSameFollowingKeyManager() {
		KeyManager[] fromFactory = this.bundle.getManagers().getKeyManagerFactory().getKeyManagers();
		assertThat(fromFactory).singleElement().isSameAs(this.keyManager);
	}

	private X509ExtendedKeyManager keyManager() {
		KeyManager[] keyManagers = this.bundle.getManagers().getKeyManagers();
		assertThat(keyManagers).singleElement().isInstanceOf(FollowingKeyManager.class);
		return (X509ExtendedKeyManager) keyManagers[0];
	}

}
