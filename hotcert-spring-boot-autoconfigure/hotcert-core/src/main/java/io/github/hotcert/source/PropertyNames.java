package io.github.hotcert.source;

/**
 * Names of the configuration properties of one entry of a map-valued property, such as
 * one SSL bundle, so that a message names a property the user can find and set:
 * {@code spring.ssl.bundle.pem.web}, or {@code spring.ssl.bundle.pem[api.v2]} when Spring
 * Boot binds the key only in brackets. That is when it holds a character other than ASCII
 * letters, digits, {@code _} and {@code -}, starts with {@code -}, or has no letter or
 * digit: without brackets, a {@code .} splits the key and such characters are dropped.
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
		boolean letterOrDigit = false;
		for (int i = 0; i < key.length(); i++) {
			char ch = key.charAt(i);
			boolean alphanumeric = ch < 128 && Character.isLetterOrDigit(ch);
			if (!alphanumeric && ch != '_' && (ch != '-' || i == 0)) {
				return false;
			}
			letterOrDigit |= alphanumeric;
		}
		return letterOrDigit;
	}

}
