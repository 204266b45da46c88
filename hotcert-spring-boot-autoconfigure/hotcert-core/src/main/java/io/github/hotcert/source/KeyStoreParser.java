package io.github.hotcert.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchProviderException;
import java.security.UnrecoverableKeyException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.StringUtils;

/**
 * Loads JKS and PKCS#12 key stores from bytes that were already read with a size bound.
 */
final class KeyStoreParser {

	private static final Log logger = LogFactory.getLog(KeyStoreParser.class);

	private KeyStoreParser() {
	}

	/**
	 * Load a key store.
	 * @param content the key store content
	 * @param type the key store type, or {@code null} for the default
	 * @param provider the provider, or {@code null} for the default
	 * @param password the store password, or {@code null}
	 * @return the loaded key store
	 * @throws KeyStoreFormatException if the key store cannot be loaded
	 */
	static KeyStore load(MaterialContent content, String type, String provider, String password) {
		String typeToUse = StringUtils.hasText(type) ? type : KeyStore.getDefaultType();
		KeyStore store;
		try {
			store = StringUtils.hasText(provider) ? KeyStore.getInstance(typeToUse, provider)
					: KeyStore.getInstance(typeToUse);
		}
		catch (NoSuchProviderException ex) {
			throw failure("the security provider '%s' is not installed".formatted(provider), ex);
		}
		catch (GeneralSecurityException ex) {
			throw failure(StringUtils.hasText(provider)
					? "the key store type '%s' is not supported by provider '%s'".formatted(typeToUse, provider)
					: "the key store type '%s' is not supported".formatted(typeToUse), ex);
		}
		if (content.bytes().length == 0) {
			throw new KeyStoreFormatException("the content is empty");
		}
		try {
			store.load(new ByteArrayInputStream(content.bytes()), (password != null) ? password.toCharArray() : null);
			return store;
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof UnrecoverableKeyException || isPasswordFailure(ex)) {
				throw new KeyStoreFormatException(
						"the %s key store cannot be opened: the password is wrong or missing".formatted(typeToUse), ex);
			}
			throw failure("the content is not a valid %s key store".formatted(typeToUse), ex);
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw failure("the content is not a valid %s key store".formatted(typeToUse), ex);
		}
	}

	/**
	 * Return the failure to report: the reason is written here, the exception's own text
	 * is only logged, at DEBUG.
	 */
	private static KeyStoreFormatException failure(String reason, Exception ex) {
		if (logger.isDebugEnabled()) {
			logger.debug("Loading a key store failed: " + reason, ex);
		}
		return new KeyStoreFormatException(reason, ex);
	}

	private static boolean isPasswordFailure(IOException ex) {
		String message = String.valueOf(ex.getMessage()).toLowerCase();
		return message.contains("password") || message.contains("mac");
	}

	/**
	 * Return the aliases of the key entries of the given store.
	 * @param store the store
	 * @return the key entry aliases, in the store's order
	 * @throws KeyStoreException if the store cannot be read
	 */
	static java.util.List<String> keyAliases(KeyStore store) throws KeyStoreException {
		java.util.List<String> aliases = new java.util.ArrayList<>();
		for (String alias : java.util.Collections.list(store.aliases())) {
			if (store.isKeyEntry(alias)) {
				aliases.add(alias);
			}
		}
		return aliases;
	}

	/**
	 * Thrown when a key store cannot be loaded. The message never contains key material
	 * or passwords.
	 */
	static class KeyStoreFormatException extends RuntimeException {

		KeyStoreFormatException(String message, Throwable cause) {
			super(message, cause);
		}

		KeyStoreFormatException(String message) {
			super(message);
		}

	}

}
