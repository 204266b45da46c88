package io.github.hotcert.source;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The bytes read from one {@link MaterialLocation} and their digest. The bytes are held
 * only while the material is parsed; {@link #toString()} never shows them.
 *
 * @param location where the content was read from
 * @param bytes the content
 * @param sha256 the hex SHA-256 digest of the content
 * @param lastModified when the file was last modified, or {@code null} when the content
 * is not a file
 */
public record MaterialContent(MaterialLocation location, byte[] bytes, String sha256, Instant lastModified) {

	/**
	 * Return the content as text.
	 * @return the content decoded as UTF-8
	 */
	public String text() {
		return new String(this.bytes, StandardCharsets.UTF_8);
	}

	/**
	 * Return a digest of the content without the bytes.
	 * @return the digest
	 */
	public ContentDigest digest() {
		return new ContentDigest(this.location, this.sha256, this.bytes.length, this.lastModified);
	}

	@Override
	public String toString() {
		return "MaterialContent[location=" + this.location + ", sha256=" + this.sha256 + "]";
	}

}
