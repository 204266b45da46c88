package io.github.hotcert.source;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEParameterSpec;

/**
 * Puts private keys into key stores that only ever live in memory. A PKCS#12 key store
 * protects each key with PBKDF2 and, by default, 10 000 iterations: every consumer that
 * reads the key (a key manager factory, a web server building its SSL context, the
 * handshake check) would pay for them again, tens of milliseconds per reload on a small
 * machine. A key store that is never written anywhere gains nothing from them, since the
 * key it protects is in memory in clear text anyway: its keys are protected with one
 * iteration, and a PKCS#12 key store read from a file is handed out as such a copy. The
 * password is the one given, so the key is read exactly as before.
 */
final class InMemoryKeyStores {

	private static final String PKCS12 = "pkcs12";

	private static final String PROTECTION_ALGORITHM = "PBEWithHmacSHA256AndAES_256";

	private static final int ITERATIONS = 1;

	private static final SecureRandom random = new SecureRandom();

	private InMemoryKeyStores() {
	}

	/**
	 * Return a copy in memory of a PKCS#12 key store read from a file, whose one key is
	 * protected with one iteration, so that its consumers read the key at almost no cost.
	 * A key store of another type, or with other keys (whose passwords may differ), is
	 * returned as it is.
	 * @param keyStore the key store read from a file
	 * @param alias the alias of its key
	 * @param key the key, read from the key store
	 * @param password the password of the key
	 * @return the copy, or the key store itself
	 */
	static KeyStore copyWithKey(KeyStore keyStore, String alias, PrivateKey key, char[] password) {
		try {
			if (!PKCS12.equals(keyStore.getType().toLowerCase(Locale.ROOT))
					|| !KeyStoreParser.keyAliases(keyStore).equals(List.of(alias))) {
				return keyStore;
			}
			KeyStore copy = KeyStore.getInstance(keyStore.getType(), keyStore.getProvider());
			copy.load(null);
			for (String name : Collections.list(keyStore.aliases())) {
				if (name.equals(alias)) {
					setKeyEntry(copy, PKCS12, alias, key, password, keyStore.getCertificateChain(alias));
				}
				else if (keyStore.isCertificateEntry(name)) {
					copy.setCertificateEntry(name, keyStore.getCertificate(name));
				}
			}
			return copy;
		}
		catch (GeneralSecurityException | IOException ex) {
			return keyStore;
		}
	}

	/**
	 * Put a private key and its certificate chain into a key store of the given type that
	 * was created in memory.
	 * @param keyStore the key store, loaded
	 * @param type the type of the key store
	 * @param alias the alias of the entry
	 * @param key the private key
	 * @param password the password of the key, or {@code null}
	 * @param chain the certificate chain, the key's certificate first
	 * @throws GeneralSecurityException if the key store does not take the key
	 */
	static void setKeyEntry(KeyStore keyStore, String type, String alias, PrivateKey key, char[] password,
			Certificate[] chain) throws GeneralSecurityException {
		if (!PKCS12.equals(type.toLowerCase(Locale.ROOT))) {
			keyStore.setKeyEntry(alias, key, password, chain);
			return;
		}
		byte[] salt = new byte[20];
		byte[] iv = new byte[16];
		random.nextBytes(salt);
		random.nextBytes(iv);
		keyStore.setEntry(alias, new KeyStore.PrivateKeyEntry(key, chain),
				new KeyStore.PasswordProtection((password != null) ? password : new char[0], PROTECTION_ALGORITHM,
						new PBEParameterSpec(salt, ITERATIONS, new IvParameterSpec(iv))));
	}

}
