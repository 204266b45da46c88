package io.github.hotcert.source;

/**
 * Names of the configuration properties of one entry of a map-valued property, such as
 * one SSL bundle, as a user writes them: {@code spring.ssl.bundle.pem.web}, or
 * {@code spring.ssl.bundle.pem[api.v2]} when the key holds a character that Spring Boot
 * keeps only in brackets (anything but letters, digits and {@code -}), so that a message
 * names a property the user can find and set.
 */
public final class PropertyNames {

	private PropertyNames() {
	}

	/**
	 * Return the name of one entry of a map-valued property.
	 * @param prefix the name of the map-valued property, such as
	 * {@code spring.ssl.bundle.pem}
	 * @param key the key of the entry, such as a bundle name
	 * @return the name of the entry, such as {@code spring.ssl.bundle.pem.web} or
	 * {@code spring.ssl.bundle.pem[api.v2]}
	 */
	public static String entry(String prefix, String key) {
		return isPlain(key) ? prefix + "." + key : prefix + "[" + key + "]";
	}

	private static boolean isPlain(String key) {
		if (key.isEmpty()) {
			return false;
		}
		for (int i = 0; i < key.length(); i++) {
			char ch = key.charAt(i);
			boolean plain = (ch < 128 && Character.isLetterOrDigit(ch)) || (ch == '-' && i > 0);
			if (!plain) {
				return false;
			}
		}
		return true;
	}

}
