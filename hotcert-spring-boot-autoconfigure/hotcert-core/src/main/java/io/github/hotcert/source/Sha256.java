package io.github.hotcert.source;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 digests written as hotcert reports them: lower case hex.
 */
public final class Sha256 {

	private Sha256() {
	}

	/**
	 * Return the digest of the given bytes.
	 * @param bytes the bytes
	 * @return the digest, in lower case hex
	 */
	public static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(newDigest().digest(bytes));
	}

	/**
	 * Complete the given digest.
	 * @param digest a digest {@link #newDigest() created} here and updated with content
	 * @return the digest, in lower case hex
	 */
	public static String hex(MessageDigest digest) {
		return HexFormat.of().formatHex(digest.digest());
	}

	/**
	 * Return a new SHA-256 message digest, for content that is read in parts.
	 * @return the message digest
	 */
	public static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
